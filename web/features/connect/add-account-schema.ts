import { z } from 'zod';
import {
  CategorySchema,
  CreateConnectSessionRequestSchema,
} from '../../../shared/schemas/connect-session.ts';
import type { NewConnectSessionRequest } from '../../lib/queries/connect-sessions.ts';

const fields = CreateConnectSessionRequestSchema.shape;

/** Why a label is needed: the customer already has an account with the chosen provider. */
export interface ExistingAccountHint {
  ownerName: string;
  providerName: string;
}

export const labelRequiredMessage = (hint: ExistingAccountHint) =>
  `A label is required: ${hint.ownerName} already has a ${hint.providerName} account`;

/**
 * The add-account form: the request's own field rules, plus the form-only choice between one provider
 * and letting the customer choose by category. The label turns required when `existing` is set.
 */
export function addAccountFormSchema(existing: ExistingAccountHint | null = null) {
  return z
    .object({
      originOwnerId: fields.originOwnerId,
      originOwnerName: fields.originOwnerName,
      originUsername: z.string().trim().max(200, 'Username has at most 200 characters'),
      choice: z.enum(['provider', 'categories']),
      provider: z.string().trim().max(100),
      categories: z.array(CategorySchema),
      label: z.string().trim().max(200, 'Label has at most 200 characters'),
    })
    .superRefine((v, ctx) => {
      if (v.choice === 'provider' && !v.provider) {
        ctx.addIssue({
          code: 'custom',
          path: ['provider'],
          message: 'Choose a provider, or let the customer choose',
        });
      }
      if (v.choice === 'provider' && existing && !v.label) {
        ctx.addIssue({ code: 'custom', path: ['label'], message: labelRequiredMessage(existing) });
      }
    });
}

export type AddAccountFormInput = z.input<ReturnType<typeof addAccountFormSchema>>;
export type AddAccountFormValues = z.output<ReturnType<typeof addAccountFormSchema>>;

export const emptyAddAccountForm = (prefill: Partial<AddAccountFormInput> = {}): AddAccountFormInput => ({
  originOwnerId: '',
  originOwnerName: '',
  originUsername: '',
  choice: 'provider',
  provider: '',
  categories: [],
  label: '',
  ...prefill,
});

/** A new account, so always multiple mode: a second account of the same provider never replaces the first. */
export function toConnectSessionRequest(values: AddAccountFormValues): NewConnectSessionRequest {
  return {
    originOwnerId: values.originOwnerId,
    originOwnerName: values.originOwnerName,
    ...(values.originUsername ? { originUsername: values.originUsername } : {}),
    ...(values.choice === 'provider'
      ? { provider: values.provider }
      : values.categories.length > 0
        ? { categories: values.categories }
        : {}),
    ...(values.label ? { label: values.label } : {}),
    multiple: true,
    purpose: 'hub',
  };
}
