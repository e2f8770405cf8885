-- Writes to accounts, and so their facet-count triggers, are serialised. An INSERT … ON CONFLICT DO
-- UPDATE fires the insert trigger and the update trigger, each writing its own keys in sorted order; two
-- such statements could take the keys in crossed order (one's update keys are the other's insert keys)
-- and deadlock on PostgreSQL. A transaction-scoped advisory lock (one fixed key, used for nothing else)
-- is taken by a BEFORE statement trigger, so before the statement locks any row: taken only in the
-- count triggers (after the rows), statements queued for it held their row locks meanwhile, and
-- multi-row writes that lock rows in scan order deadlocked on those instead. It is held until the
-- statement's transaction ends, which is short: the index writes are autocommit statements. The count
-- functions take it too (re-entrant, free when held), for a write that reaches them some other way.
CREATE OR REPLACE FUNCTION account_facet_counts_apply(deltas json) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
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
CREATE OR REPLACE FUNCTION account_facet_counts_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  DELETE FROM account_facet_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_facet_counts_lock() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_facet_counts_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION account_facet_counts_lock();
