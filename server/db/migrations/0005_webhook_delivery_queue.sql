-- webhook_events becomes the delivery queue: no more permanent de-duplication on the body hash (a
-- redelivery, or a second genuine event with the same bytes, is a row of its own and is applied), and
-- pending rows carry their retry state (attempts, next_attempt_at) and the lease of the console process
-- applying them (claimed_by, claimed_at), so a crash or another process never leaves one unapplied.
DROP INDEX "webhook_events_body_hash_idx";--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_events_pending_idx" ON "webhook_events" USING btree ("id") WHERE "webhook_events"."outcome" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_events_body_hash_idx" ON "webhook_events" USING btree ("body_hash");
