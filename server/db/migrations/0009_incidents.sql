CREATE TABLE "account_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"status_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"author_id" text,
	"author_email" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider" text NOT NULL,
	"origin_owner_id" text NOT NULL,
	"origin_owner_name" text NOT NULL,
	"label" text,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"reason_code" text,
	"reason_description" text,
	"opened_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"assignee_id" text,
	"muted_until" timestamp with time zone,
	"note_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "account_status_history_account_idx" ON "account_status_history" USING btree ("account_id","observed_at");--> statement-breakpoint
CREATE INDEX "account_status_history_observed_idx" ON "account_status_history" USING btree ("observed_at");--> statement-breakpoint
CREATE INDEX "incident_notes_incident_idx" ON "incident_notes" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_one_unresolved_idx" ON "incidents" USING btree ("account_id") WHERE "incidents"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "incidents_state_opened_idx" ON "incidents" USING btree ("state","opened_at");--> statement-breakpoint
CREATE INDEX "incidents_account_idx" ON "incidents" USING btree ("account_id","opened_at");--> statement-breakpoint
CREATE INDEX "incidents_provider_opened_idx" ON "incidents" USING btree ("provider","opened_at");