ALTER TABLE "sync_runs" ADD COLUMN "kept_after_check" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "unconfirmed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "skipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "warning" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "rate_limited_until" timestamp with time zone;