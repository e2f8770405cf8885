CREATE INDEX "accounts_live_first_reason_idx" ON "accounts" USING btree (("status_reasons"->0->>'code')) WHERE "accounts"."deleted_at" is null and ("accounts"."status_reasons"->0->>'code') is not null;--> statement-breakpoint
-- Status-reason codes became searchable: the rows written before get them appended to search_text,
-- in searchTextOf's form (each non-empty code after " \u0001 ", lower-cased; the codes are ASCII).
UPDATE "accounts" SET "search_text" = "accounts"."search_text" || codes.text
FROM (
  SELECT a.id, string_agg(' ' || chr(1) || ' ' || lower(r.value->>'code'), '' ORDER BY r.ordinality) AS text
  FROM "accounts" a, jsonb_array_elements(a.status_reasons) WITH ORDINALITY AS r(value, ordinality)
  WHERE coalesce(r.value->>'code', '') <> ''
  GROUP BY a.id
) codes
WHERE codes.id = "accounts"."id";
