import { z } from 'zod';
import type { Permission } from '../permissions.ts';

export const CATEGORIES = [
  'ats',
  'hris',
  'hris-legacy',
  'crm',
  'iam',
  'marketing',
  'lms',
  'stackone',
  'documents',
  'ticketing',
  'screening',
  'messaging',
  'accounting',
] as const;
export const CategorySchema = z.enum(CATEGORIES);

/** Expiry choices, in seconds; a re-link link lasts up to 30 days. */
export const EXPIRES_IN_MAX = 30 * 86_400;
const expiresIn = z
  .number()
  .int('expiresIn must be a whole number of seconds')
  .min(60, 'expiresIn is at least 60 seconds')
  .max(EXPIRES_IN_MAX, 'expiresIn is at most 30 days')
  .optional();

export const SessionPurposeSchema = z.enum(['hub', 'auth_link']);
export type SessionPurpose = z.infer<typeof SessionPurposeSchema>;

/** For an existing account, the purpose decides the permission: fixing credentials, or re-linking. */
export const SESSION_PURPOSE_PERMISSION = {
  hub: 'accounts:fix_credentials',
  auth_link: 'accounts:relink',
} as const satisfies Record<SessionPurpose, Permission>;

/** `POST /api/accounts/:id/connect-session`: owner and provider come from the account, never the browser. */
export const AccountConnectSessionRequestSchema = z.object({
  purpose: SessionPurposeSchema,
  expiresIn,
});
export type AccountConnectSessionRequest = z.infer<typeof AccountConnectSessionRequestSchema>;

const text = (label: string, max = 200) =>
  z
    .string(`${label} is required`)
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} has at most ${max} characters`);

/** `POST /api/connect-sessions`: a new account for a customer (multiple mode by default). */
export const CreateConnectSessionRequestSchema = z.object({
  originOwnerId: text('Customer ID'),
  originOwnerName: text('Customer name'),
  originUsername: z.string().trim().max(200).optional(),
  provider: z.string().trim().min(1).max(100).optional(),
  categories: z.array(CategorySchema).max(CATEGORIES.length).optional(),
  label: z.string().trim().max(200, 'Label has at most 200 characters').optional(),
  multiple: z.boolean().default(true),
  purpose: SessionPurposeSchema.default('hub'),
  expiresIn,
});
export type CreateConnectSessionRequest = z.input<typeof CreateConnectSessionRequestSchema>;

export const ConnectSessionResponseSchema = z.object({
  token: z.string(),
  authLinkUrl: z.string(),
  expiresAt: z.string(),
  hub: z.object({ baseUrl: z.string(), appUrl: z.string() }),
  accountId: z.string().nullable(),
  /**
   * `purpose: "auth_link"` only: the ledger entry made for it and its short link (`PUBLIC_URL/l/<code>`),
   * the URL to hand to the customer.
   */
  link: z.object({ id: z.string(), url: z.string() }).optional(),
});
export type ConnectSessionResponse = z.infer<typeof ConnectSessionResponseSchema>;
