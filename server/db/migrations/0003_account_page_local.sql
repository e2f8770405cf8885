-- The account page's local read (the index row and the newest 100 webhook events and audit rows of
-- one account) as a PL/pgSQL function: PL/pgSQL keeps the plan of its query for the session, so a read
-- costs execution only, where planning the same query each time cost several times more (PGlite
-- plans in the console's own process). Kept in step with server/accounts/account-local.ts.
CREATE OR REPLACE FUNCTION account_page_local(p_id text) RETURNS json
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT json_build_object(
      'row', to_json(a),
      'events', (
        SELECT coalesce(json_agg(json_build_object(
            'event', e.event, 'receivedAt', e.received_at, 'outcome', e.outcome, 'payload', e.payload
          ) ORDER BY e.received_at DESC, e.id DESC), '[]'::json)
        FROM (
          SELECT id, event, received_at, outcome, payload FROM webhook_events
          WHERE account_id = p_id ORDER BY received_at DESC, id DESC LIMIT 100
        ) e
      ),
      'audit', (
        SELECT coalesce(json_agg(json_build_object(
            'at', l.at, 'action', l.action, 'actorEmail', l.actor_email, 'outcome', l.outcome,
            'summary', l.summary, 'upstreamStatus', l.upstream_status
          ) ORDER BY l.at DESC), '[]'::json)
        FROM (
          SELECT at, action, actor_email, outcome, summary, upstream_status FROM audit_log
          WHERE target_id = p_id ORDER BY at DESC LIMIT 100
        ) l
      )
    )
    FROM accounts a WHERE a.id = p_id
  );
END
$$;
