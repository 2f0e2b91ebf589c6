CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"notice_version" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"event" text NOT NULL,
	"source" text,
	"utm" jsonb,
	"locale" text NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fanout_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"subscriber_id" uuid,
	"mode" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason_specialisation" text,
	"reason_kind" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"error" text,
	"sent_at" timestamp with time zone,
	"digest_id" uuid,
	"clicks" integer DEFAULT 0 NOT NULL,
	"first_click_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_deliveries_call_subscriber_key" UNIQUE("call_id","subscriber_id")
);
--> statement-breakpoint
CREATE TABLE "alert_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscriber_id" uuid,
	"period" text NOT NULL,
	"call_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_digests_subscriber_period_key" UNIQUE("subscriber_id","period")
);
--> statement-breakpoint
CREATE TABLE "alert_fanouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"status" text DEFAULT 'matching' NOT NULL,
	"matched" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"matched_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "alert_fanouts_call_id_unique" UNIQUE("call_id")
);
--> statement-breakpoint
CREATE TABLE "alert_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"prefs" jsonb NOT NULL,
	"token_hash" text NOT NULL,
	"notice_version" text NOT NULL,
	"source" text,
	"utm" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alert_signups_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "alert_subscriber_areas" (
	"subscriber_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"province_code" text NOT NULL,
	CONSTRAINT "alert_subscriber_areas_subscriber_id_kind_code_pk" PRIMARY KEY("subscriber_id","kind","code")
);
--> statement-breakpoint
CREATE TABLE "alert_subscriber_specialisations" (
	"subscriber_id" uuid NOT NULL,
	"specialisation_code" text NOT NULL,
	"in_training" boolean DEFAULT false NOT NULL,
	"training_year" integer,
	CONSTRAINT "alert_subscriber_specialisations_subscriber_id_specialisation_code_pk" PRIMARY KEY("subscriber_id","specialisation_code")
);
--> statement-breakpoint
CREATE TABLE "alert_subscribers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"locale" text DEFAULT 'it' NOT NULL,
	"profession_code" text NOT NULL,
	"also_related" boolean DEFAULT true NOT NULL,
	"call_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"frequency" text DEFAULT 'immediate' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"match_keys" text[] NOT NULL,
	"link_version" integer DEFAULT 1 NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_expires_at" timestamp with time zone NOT NULL,
	"renewal_sent_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_subscribers_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "lead_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"author_id" text,
	"author_label" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"profession_code" text NOT NULL,
	"specialisation_code" text,
	"message" text DEFAULT '' NOT NULL,
	"preferred_time" text DEFAULT 'any' NOT NULL,
	"locale" text DEFAULT 'it' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"assignee_id" text,
	"call_id" uuid,
	"source" text,
	"utm" jsonb,
	"is_demo" boolean DEFAULT false NOT NULL,
	"contacted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_fanout_id_alert_fanouts_id_fk" FOREIGN KEY ("fanout_id") REFERENCES "public"."alert_fanouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_subscriber_id_alert_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."alert_subscribers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_digests" ADD CONSTRAINT "alert_digests_subscriber_id_alert_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."alert_subscribers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_fanouts" ADD CONSTRAINT "alert_fanouts_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_subscriber_areas" ADD CONSTRAINT "alert_subscriber_areas_subscriber_id_alert_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."alert_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_subscriber_specialisations" ADD CONSTRAINT "alert_subscriber_specialisations_subscriber_id_alert_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."alert_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notes" ADD CONSTRAINT "lead_notes_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_records_subject_idx" ON "consent_records" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "alert_deliveries_fanout_idx" ON "alert_deliveries" USING btree ("fanout_id","status");--> statement-breakpoint
CREATE INDEX "alert_deliveries_claim_idx" ON "alert_deliveries" USING btree ("fanout_id","next_attempt_at") WHERE status = 'pending' and mode = 'immediate';--> statement-breakpoint
CREATE INDEX "alert_deliveries_digest_idx" ON "alert_deliveries" USING btree ("subscriber_id") WHERE status = 'pending' and mode = 'weekly';--> statement-breakpoint
CREATE INDEX "alert_signups_email_idx" ON "alert_signups" USING btree ("email");--> statement-breakpoint
CREATE INDEX "alert_signups_expires_idx" ON "alert_signups" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "alert_sub_areas_province_idx" ON "alert_subscriber_areas" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "alert_sub_specs_code_idx" ON "alert_subscriber_specialisations" USING btree ("specialisation_code");--> statement-breakpoint
CREATE INDEX "alert_subscribers_keys_idx" ON "alert_subscribers" USING gin ("match_keys") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "alert_subscribers_profession_idx" ON "alert_subscribers" USING btree ("profession_code");--> statement-breakpoint
CREATE INDEX "alert_subscribers_consent_idx" ON "alert_subscribers" USING btree ("consent_expires_at");--> statement-breakpoint
CREATE INDEX "lead_notes_lead_idx" ON "lead_notes" USING btree ("lead_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("email");--> statement-breakpoint
CREATE INDEX "leads_assignee_idx" ON "leads" USING btree ("assignee_id");