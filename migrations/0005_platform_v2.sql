CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"scope" text NOT NULL,
	"scope_id" text NOT NULL,
	"role" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "role" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "role" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "owner" text DEFAULT 'platform' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_scope_idx" ON "memberships" USING btree ("user_id","scope","scope_id");--> statement-breakpoint
CREATE INDEX "memberships_scope_idx" ON "memberships" USING btree ("scope","scope_id");--> statement-breakpoint
CREATE INDEX "mail_messages_owner_to_idx" ON "mail_messages" USING btree ("owner",lower("to"));--> statement-breakpoint
-- Every stored mail gets the capability that sent it, read from its key's kind (mailKeys()).
UPDATE "mail_messages" SET "owner" = CASE
  WHEN "idempotency_key" LIKE 'alert%' THEN 'alerts'
  WHEN "idempotency_key" LIKE 'appointment-%' THEN 'appointments'
  WHEN "idempotency_key" LIKE 'ranking-offer%' THEN 'rankings'
  WHEN "idempotency_key" LIKE 'meeting-%' THEN 'meetings'
  WHEN "idempotency_key" LIKE 'lead-%' THEN 'leads'
  WHEN "idempotency_key" LIKE 'password-reset:%' THEN 'accounts'
  ELSE 'platform' END;
