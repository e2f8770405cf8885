CREATE TABLE "account_error_moves" (
	"day" date PRIMARY KEY NOT NULL,
	"net" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_reason_counts" (
	"status" text NOT NULL,
	"code" text,
	"n" bigint NOT NULL,
	CONSTRAINT "account_reason_counts_status_code_key" UNIQUE NULLS NOT DISTINCT("status","code")
);
--> statement-breakpoint
CREATE TABLE "incident_open_counts" (
	"kind" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "incident_open_counts_kind_pk" PRIMARY KEY("kind")
);
--> statement-breakpoint
CREATE TABLE "incident_resolved_days" (
	"day" date PRIMARY KEY NOT NULL,
	"n" bigint NOT NULL,
	"repair_micros" numeric NOT NULL
);
--> statement-breakpoint
-- The overview's summaries, kept exact like account_facet_counts (0006, 0007): each statement's trigger
-- folds the rows it changed (transition tables) into one delta per key, written in key order, under the
-- facet counts' advisory lock (one fixed key; on accounts and history taken before a statement locks
-- any row), so that writers of accounts, history and incidents queue on one lock rather than deadlock
-- on summary rows.
CREATE FUNCTION overview_summaries_lock() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Live accounts by status and their first status reason's code: +1 for such a row after, -1 before (the
-- overview reads status 'error'; the accounts list's Reason facet, unfiltered, every code).
CREATE FUNCTION account_reason_counts_apply(deltas json) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  INSERT INTO account_reason_counts AS c (status, code, n)
  SELECT d.status, d.code, d.n FROM json_to_recordset(deltas) AS d(status text, code text, n bigint)
  ORDER BY d.status, d.code NULLS LAST
  ON CONFLICT (status, code) DO UPDATE SET n = c.n + excluded.n;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_reason_counts_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT status, status_reasons->0->>'code' AS code, count(*) AS n FROM new_rows
    WHERE deleted_at IS NULL GROUP BY 1, 2
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_reason_counts_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_reason_counts_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT status, code, sum(n) AS n FROM (
      SELECT status, status_reasons->0->>'code' AS code, 1 AS n FROM new_rows
      WHERE deleted_at IS NULL
      UNION ALL
      SELECT status, status_reasons->0->>'code' AS code, -1 AS n FROM old_rows
      WHERE deleted_at IS NULL
    ) moved
    GROUP BY status, code HAVING sum(n) <> 0
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_reason_counts_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_reason_counts_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT status, status_reasons->0->>'code' AS code, -count(*) AS n FROM old_rows
    WHERE deleted_at IS NULL GROUP BY 1, 2
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_reason_counts_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_reason_counts_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  DELETE FROM account_reason_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_reason_counts_insert AFTER INSERT ON accounts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_reason_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER account_reason_counts_update AFTER UPDATE ON accounts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION account_reason_counts_on_update();
--> statement-breakpoint
CREATE TRIGGER account_reason_counts_delete AFTER DELETE ON accounts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_reason_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER account_reason_counts_truncate AFTER TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION account_reason_counts_on_truncate();
--> statement-breakpoint
-- Net moves into error per UTC day of observed_at: +1 for a row into error, -1 for one out of it.
CREATE FUNCTION account_error_moves_apply(deltas json) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  INSERT INTO account_error_moves AS c (day, net)
  SELECT d.day, d.net FROM json_to_recordset(deltas) AS d(day date, net bigint)
  ORDER BY d.day
  ON CONFLICT (day) DO UPDATE SET net = c.net + excluded.net;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_error_moves_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT (observed_at AT TIME ZONE 'UTC')::date AS day,
      sum(CASE WHEN to_status = 'error' THEN 1 ELSE -1 END) AS net
    FROM new_rows WHERE (to_status = 'error') <> (from_status IS NOT DISTINCT FROM 'error')
    GROUP BY 1 HAVING sum(CASE WHEN to_status = 'error' THEN 1 ELSE -1 END) <> 0
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_error_moves_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_error_moves_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE deltas json;
BEGIN
  SELECT json_agg(d) INTO deltas FROM (
    SELECT (observed_at AT TIME ZONE 'UTC')::date AS day,
      -sum(CASE WHEN to_status = 'error' THEN 1 ELSE -1 END) AS net
    FROM old_rows WHERE (to_status = 'error') <> (from_status IS NOT DISTINCT FROM 'error')
    GROUP BY 1 HAVING sum(CASE WHEN to_status = 'error' THEN 1 ELSE -1 END) <> 0
  ) d;
  IF deltas IS NOT NULL THEN PERFORM account_error_moves_apply(deltas); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- History is insert-only; an update of a row's statuses or time is refused rather than left uncounted.
CREATE FUNCTION account_error_moves_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.observed_at, o.to_status, o.from_status) IS DISTINCT FROM (n.observed_at, n.to_status, n.from_status)
  ) THEN
    RAISE EXCEPTION 'account_status_history is insert-only (observed_at, from_status, to_status)';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION account_error_moves_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  DELETE FROM account_error_moves;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_error_moves_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON account_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION overview_summaries_lock();
--> statement-breakpoint
CREATE TRIGGER account_error_moves_insert AFTER INSERT ON account_status_history
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_error_moves_on_insert();
--> statement-breakpoint
CREATE TRIGGER account_error_moves_update AFTER UPDATE ON account_status_history
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION account_error_moves_on_update();
--> statement-breakpoint
CREATE TRIGGER account_error_moves_delete AFTER DELETE ON account_status_history
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_error_moves_on_delete();
--> statement-breakpoint
CREATE TRIGGER account_error_moves_truncate AFTER TRUNCATE ON account_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION account_error_moves_on_truncate();
--> statement-breakpoint
-- Incidents: unresolved ones by kind, and resolved ones per UTC day of resolved_at with the sum of
-- their repair times in microseconds (numeric: exact), +1 for a row counted after and -1 before.
-- No BEFORE lock here: working an incident (PATCH, notes) locks its row first (SELECT … FOR UPDATE)
-- and changes no summary, so it must not queue for the lock that the account writer holds while it
-- resolves that same incident; only a statement with deltas takes the lock, in the apply function.
CREATE FUNCTION incident_summaries_apply(open_deltas json, resolved_deltas json) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  IF open_deltas IS NOT NULL THEN
    INSERT INTO incident_open_counts AS c (kind, n)
    SELECT d.kind, d.n FROM json_to_recordset(open_deltas) AS d(kind text, n bigint)
    ORDER BY d.kind
    ON CONFLICT (kind) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  IF resolved_deltas IS NOT NULL THEN
    INSERT INTO incident_resolved_days AS c (day, n, repair_micros)
    SELECT d.day, d.n, d.micros FROM json_to_recordset(resolved_deltas) AS d(day date, n bigint, micros numeric)
    ORDER BY d.day
    ON CONFLICT (day) DO UPDATE SET n = c.n + excluded.n, repair_micros = c.repair_micros + excluded.repair_micros;
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION incident_summaries_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE open_deltas json; resolved_deltas json;
BEGIN
  SELECT json_agg(d) INTO open_deltas FROM (
    SELECT kind, count(*) AS n FROM new_rows WHERE state <> 'resolved' GROUP BY kind
  ) d;
  SELECT json_agg(d) INTO resolved_deltas FROM (
    SELECT (resolved_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n,
      sum(extract(epoch FROM resolved_at - opened_at) * 1000000) AS micros
    FROM new_rows WHERE resolved_at IS NOT NULL GROUP BY 1
  ) d;
  IF open_deltas IS NOT NULL OR resolved_deltas IS NOT NULL THEN
    PERFORM incident_summaries_apply(open_deltas, resolved_deltas);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION incident_summaries_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE open_deltas json; resolved_deltas json;
BEGIN
  SELECT json_agg(d) INTO open_deltas FROM (
    SELECT kind, sum(n) AS n FROM (
      SELECT kind, 1 AS n FROM new_rows WHERE state <> 'resolved'
      UNION ALL
      SELECT kind, -1 AS n FROM old_rows WHERE state <> 'resolved'
    ) moved
    GROUP BY kind HAVING sum(n) <> 0
  ) d;
  SELECT json_agg(d) INTO resolved_deltas FROM (
    SELECT day, sum(n) AS n, sum(micros) AS micros FROM (
      SELECT (resolved_at AT TIME ZONE 'UTC')::date AS day, 1 AS n,
        extract(epoch FROM resolved_at - opened_at) * 1000000 AS micros
      FROM new_rows WHERE resolved_at IS NOT NULL
      UNION ALL
      SELECT (resolved_at AT TIME ZONE 'UTC')::date AS day, -1 AS n,
        -extract(epoch FROM resolved_at - opened_at) * 1000000 AS micros
      FROM old_rows WHERE resolved_at IS NOT NULL
    ) moved
    GROUP BY day HAVING sum(n) <> 0 OR sum(micros) <> 0
  ) d;
  IF open_deltas IS NOT NULL OR resolved_deltas IS NOT NULL THEN
    PERFORM incident_summaries_apply(open_deltas, resolved_deltas);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION incident_summaries_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE open_deltas json; resolved_deltas json;
BEGIN
  SELECT json_agg(d) INTO open_deltas FROM (
    SELECT kind, -count(*) AS n FROM old_rows WHERE state <> 'resolved' GROUP BY kind
  ) d;
  SELECT json_agg(d) INTO resolved_deltas FROM (
    SELECT (resolved_at AT TIME ZONE 'UTC')::date AS day, -count(*) AS n,
      -sum(extract(epoch FROM resolved_at - opened_at) * 1000000) AS micros
    FROM old_rows WHERE resolved_at IS NOT NULL GROUP BY 1
  ) d;
  IF open_deltas IS NOT NULL OR resolved_deltas IS NOT NULL THEN
    PERFORM incident_summaries_apply(open_deltas, resolved_deltas);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION incident_summaries_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7017511360223569007);
  DELETE FROM incident_open_counts;
  DELETE FROM incident_resolved_days;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER incident_summaries_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_summaries_on_insert();
--> statement-breakpoint
CREATE TRIGGER incident_summaries_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_summaries_on_update();
--> statement-breakpoint
CREATE TRIGGER incident_summaries_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_summaries_on_delete();
--> statement-breakpoint
CREATE TRIGGER incident_summaries_truncate AFTER TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION incident_summaries_on_truncate();
--> statement-breakpoint
-- The triggers above lock out writers until this migration commits, so the summaries start exact.
INSERT INTO account_reason_counts (status, code, n)
SELECT status, status_reasons->0->>'code', count(*) FROM accounts WHERE deleted_at IS NULL GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO account_error_moves (day, net)
SELECT (observed_at AT TIME ZONE 'UTC')::date, sum(CASE WHEN to_status = 'error' THEN 1 ELSE -1 END)
FROM account_status_history WHERE (to_status = 'error') <> (from_status IS NOT DISTINCT FROM 'error')
GROUP BY 1 HAVING sum(CASE WHEN to_status = 'error' THEN 1 ELSE -1 END) <> 0;
--> statement-breakpoint
INSERT INTO incident_open_counts (kind, n)
SELECT kind, count(*) FROM incidents WHERE state <> 'resolved' GROUP BY kind;
--> statement-breakpoint
INSERT INTO incident_resolved_days (day, n, repair_micros)
SELECT (resolved_at AT TIME ZONE 'UTC')::date, count(*), sum(extract(epoch FROM resolved_at - opened_at) * 1000000)
FROM incidents WHERE resolved_at IS NOT NULL GROUP BY 1;
