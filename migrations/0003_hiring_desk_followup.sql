CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"scope_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"filename" text NOT NULL,
	"status" text NOT NULL,
	"row_count" integer NOT NULL,
	"rows" jsonb NOT NULL,
	"imported_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ranked_candidates" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "ranked_candidates" ADD COLUMN "closed_text" text;--> statement-breakpoint
ALTER TABLE "ranked_candidates" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "import_batches_created_idx" ON "import_batches" USING btree ("created_at");