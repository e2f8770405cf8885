import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'account.label_updated',
  'account.deleted',
  'account.connect_session_created',
  'account.auth_link_created',
  'connect_session.created',
  'connect_session.auth_link_created',
  'user.created',
  'user.updated',
  'user.setup',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'incident.updated',
  'incident.note_added',
  'sandbox.account_broken',
  'sandbox.fault_injected',
  'sandbox.faults_cleared',
  'link.revoked',
  'links.bulk_created',
  'view.created',
  'view.updated',
  'view.deleted',
  'accounts.exported',
  'alert_destination.created',
  'alert_destination.deleted',
  'alert_destination.tested',
  'user.sso_role_applied',
  'user.sso_disabled',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetOwner: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  outcome: z.enum(['success', 'failure', 'denied']),
  upstreamStatus: z.number().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The instants both PostgreSQL and a JavaScript Date hold and print alike: years 1 to 9999, in UTC. */
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

const auditTime = (field: 'from' | 'to') =>
  z.iso.datetime({ offset: true, message: `${field} must be an ISO date-time` }).refine((value) => {
    const at = Date.parse(value);
    return at >= EARLIEST && at <= LATEST;
  }, `${field} must be in the years 1 to 9999 (UTC)`);

export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  accountId: z.string().trim().max(200).optional(),
  from: auditTime('from').optional(),
  to: auditTime('to').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.output<typeof AuditQuerySchema>;
export type AuditQueryInput = z.input<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
