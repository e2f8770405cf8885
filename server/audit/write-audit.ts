import type { Context } from 'hono';
import type { AuditAction } from '../../shared/schemas/audit.ts';
import type { Actor } from '../auth/actor.ts';
import { UNKNOWN_CLIENT } from '../auth/client-address.ts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { safeJson, safeTextOrNull } from '../http/pg-safe-text.ts';

export interface AuditInput {
  action: AuditAction;
  outcome: 'success' | 'failure' | 'denied';
  targetType?: 'account' | 'user' | 'connect_session' | 'incident' | 'view' | 'alert_destination';
  targetId?: string | null;
  targetOwner?: string | null;
  summary?: Record<string, unknown>;
  upstreamStatus?: number | null;
  /** Overrides the request's signed-in actor (sign-in, where the session does not exist yet). */
  actor?: Partial<Actor> | null;
}

const SECRET_KEY = /pass(word)?|token|secret|key|authorization|cookie|credential/i;

/** A flag, a number or null cannot carry a secret, and `passwordChanged: true` is worth keeping. */
const canHoldSecret = (value: unknown) =>
  value != null && typeof value !== 'boolean' && typeof value !== 'number';

/** Drops anything that looks like a secret from an audit summary, at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && canHoldSecret(v) ? '[redacted]' : redactSecrets(v),
      ]),
    );
  }
  return value;
}

/** The client as the sign-in limiter counts it (behind a trusted proxy, not the proxy itself). */
function clientIp(c: Context): string | null {
  const address = c.get('clientAddress');
  return address && address !== UNKNOWN_CLIENT ? address : null;
}

/**
 * The one way to write an audit row; every mutation through /api calls it. Its text can quote StackOne
 * (an error message, an owner's name) and the request: it is made safe for Postgres, so that no
 * character can keep a change that happened from being recorded.
 */
export async function writeAudit(db: Db, c: Context, input: AuditInput): Promise<void> {
  const actor = input.actor === undefined ? c.get('actor') : input.actor;
  await db.insert(auditLog).values({
    actorId: safeTextOrNull(actor?.id),
    actorEmail: safeTextOrNull(actor?.email),
    actorRole: safeTextOrNull(actor?.role),
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: safeTextOrNull(input.targetId),
    targetOwner: safeTextOrNull(input.targetOwner),
    // Made safe first: that also bounds the depth redactSecrets walks.
    summary: redactSecrets(safeJson(input.summary ?? {})) as Record<string, unknown>,
    outcome: input.outcome,
    upstreamStatus: input.upstreamStatus ?? null,
    ip: safeTextOrNull(clientIp(c)),
    userAgent: safeTextOrNull(c.req.header('user-agent')?.slice(0, 500)),
  });
}
