CREATE TABLE "account_facet_counts" (
	"status" text NOT NULL,
	"provider" text NOT NULL,
	"type" text,
	"n" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "accounts_facets_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "account_facet_counts_typed_idx" ON "account_facet_counts" USING btree ("status","provider","type") WHERE "account_facet_counts"."type" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "account_facet_counts_untyped_idx" ON "account_facet_counts" USING btree ("status","provider") WHERE "account_facet_counts"."type" is null;--> statement-breakpoint
ALTER INDEX "accounts_search_trgm_idx" SET (gin_pending_list_limit = 512);--> statement-breakpoint
CREATE INDEX "accounts_live_status_provider_idx" ON "accounts" USING btree ("status","provider","updated_at","id") WHERE "accounts"."deleted_at" is null;
--> statement-breakpoint
-- Keeps account_facet_counts exact under every write to accounts: each statement's trigger folds the
-- rows it changed (transition tables) into one delta per key, +1 for a live row after and -1 for a live
-- row before. A write that moves no row between keys (a label, a timestamp) leaves the counts alone.
-- Keys are written in one order, so that concurrent statements wait for each other rather than deadlock.
CREATE FUNCTION account_facet_counts_apply(deltas json) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_facet_counts AS c (status, provider, type, n)
  SELECT d.status, d.provider, d.type, d.n
  FROM json_to_recordset(deltas) AS d(status text, provider text, type text, n bigint)
  WHERE d.type IS NOT NULL
  ORDER BY d.status, d.provider, d.type
  ON CONFLICT (status, provider, type) WHERE type IS NOT NULL DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO account_facet_counts AS c (status, provider, type, n)
  SELECT d.status, d.provider, NULL, d.n
  FROM json_to_recordset(deltas) AS d(status text, provider text, type text, n bigint)
  WHERE d.type IS NULL
  ORDER BY d.status, d.provider
  ON CONFLICT (status, provider) WHERE type IS NULL DO UPDATE SET n = c.n + excluded.n;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_facet_counts_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT status, provider, type, count(*) AS n FROM new_rows WHERE deleted_at IS NULL
    GROUP BY status, provider, type
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_facet_counts_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_facet_counts_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT status, provider, type, sum(n) AS n FROM (
      SELECT status, provider, type, 1 AS n FROM new_rows WHERE deleted_at IS NULL
      UNION ALL
      SELECT status, provider, type, -1 AS n FROM old_rows WHERE deleted_at IS NULL
    ) moved
    GROUP BY status, provider, type HAVING sum(n) <> 0
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_facet_counts_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_facet_counts_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT status, provider, type, -count(*) AS n FROM old_rows WHERE deleted_at IS NULL
    GROUP BY status, provider, type
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_facet_counts_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_facet_counts_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM account_facet_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_facet_counts_insert AFTER INSERT ON accounts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_facet_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER account_facet_counts_update AFTER UPDATE ON accounts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION account_facet_counts_on_update();
--> statement-breakpoint
CREATE TRIGGER account_facet_counts_delete AFTER DELETE ON accounts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_facet_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER account_facet_counts_truncate AFTER TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION account_facet_counts_on_truncate();
--> statement-breakpoint
-- The triggers above lock out writers until this migration commits, so the count starts exact.
INSERT INTO account_facet_counts (status, provider, type, n)
SELECT status, provider, type, count(*) FROM accounts WHERE deleted_at IS NULL
GROUP BY status, provider, type;
