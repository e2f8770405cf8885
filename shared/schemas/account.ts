import { z } from 'zod';

export const ACCOUNT_STATUSES = ['active', 'inactive', 'error'] as const;
export const AccountStatusSchema = z.enum(ACCOUNT_STATUSES);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

export const ACCOUNT_TYPES = ['production', 'test'] as const;
export const AccountTypeSchema = z.enum(ACCOUNT_TYPES);
export type AccountType = z.infer<typeof AccountTypeSchema>;

export const StatusReasonSchema = z.object({
  code: z.string().nullable(),
  description: z.string().nullable(),
  timestamp: z.string(),
});
export type StatusReason = z.infer<typeof StatusReasonSchema>;

/** An account as the console shows it: the StackOne LinkedAccount in camelCase plus index bookkeeping. */
export const AccountSchema = z.object({
  id: z.string(),
  provider: z.string(),
  providerName: z.string().nullable(),
  /** StackOne's status enum is open; unknown values are kept as they come. */
  status: z.string(),
  statusReasons: z.array(StatusReasonSchema),
  originOwnerId: z.string(),
  originOwnerName: z.string(),
  originUsername: z.string().nullable(),
  label: z.string().nullable(),
  type: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  /**
   * Start of the sync that last changed this row or first saw it: a sync does not rewrite a row
   * StackOne still answers the same, so this is not "last seen" (the account detail answer, when
   * stale, gives "last confirmed" here instead: see AccountDetailSchema).
   */
  syncedAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
});
export type Account = z.infer<typeof AccountSchema>;

/** `:id` of `/api/accounts/:id/…`: a StackOne account id. */
export const AccountIdParamSchema = z.object({ id: z.string().min(1).max(200) });

export const AccountMetaSchema = z.object({
  provider: z.string(),
  category: z.string(),
  models: z.record(z.string(), z.unknown()),
});
export type AccountMeta = z.infer<typeof AccountMetaSchema>;

export const LABEL_MAX = 200;
export const AccountLabelPatchSchema = z.object({
  label: z.string().trim().max(LABEL_MAX, `A label has at most ${LABEL_MAX} characters`).nullable(),
});
export type AccountLabelPatch = z.infer<typeof AccountLabelPatchSchema>;
