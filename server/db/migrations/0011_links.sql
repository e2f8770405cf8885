CREATE TABLE "link_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"link_id" text NOT NULL,
	"state" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_email" text
);
--> statement-breakpoint
CREATE TABLE "link_job_items" (
	"job_id" text NOT NULL,
	"position" integer NOT NULL,
	"account_id" text NOT NULL,
	"state" text NOT NULL,
	"link_id" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "link_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"created_by_id" text,
	"created_by_email" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_in" integer NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"audit_id" bigint,
	"lease_owner" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "links" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"account_id" text,
	"origin_owner_id" text NOT NULL,
	"origin_owner_name" text NOT NULL,
	"provider" text,
	"label" text,
	"auth_link_url" text NOT NULL,
	"state" text NOT NULL,
	"created_by_id" text,
	"created_by_email" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone,
	"open_count" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"superseded_by" text,
	"job_id" text
);
--> statement-breakpoint
CREATE INDEX "link_events_link_idx" ON "link_events" USING btree ("link_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "link_job_items_pk_idx" ON "link_job_items" USING btree ("job_id","position");--> statement-breakpoint
CREATE INDEX "link_job_items_state_idx" ON "link_job_items" USING btree ("job_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "links_code_idx" ON "links" USING btree ("code");--> statement-breakpoint
CREATE INDEX "links_account_idx" ON "links" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "links_state_idx" ON "links" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "links_created_at_idx" ON "links" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "links_owner_provider_idx" ON "links" USING btree ("origin_owner_id","provider");