import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Controller, useController, useForm, useWatch, type Path } from 'react-hook-form';
import type { ConnectSessionResponse } from '../../../shared/schemas/connect-session.ts';
import { CATEGORIES } from '../../../shared/schemas/connect-session.ts';
import type { Connector } from '../../../shared/schemas/connector.ts';
import { FormField } from '../../components/ui/form-field.tsx';
import { Input } from '../../components/ui/input.tsx';
import { applyFormErrors } from '../../lib/apply-form-errors.ts';
import { toApiError } from '../../lib/api-error.ts';
import { accountQueries } from '../../lib/queries/accounts.ts';
import { createNewConnectSession } from '../../lib/queries/connect-sessions.ts';
import { connectorQueries } from '../../lib/queries/connectors.ts';
import {
  addAccountFormSchema,
  emptyAddAccountForm,
  toConnectSessionRequest,
  type AddAccountFormInput,
  type AddAccountFormValues,
  type ExistingAccountHint,
} from './add-account-schema.ts';
import { CategoryCheckboxes } from './category-checkboxes.tsx';
import { CustomerIdHint, CustomerNameMatch } from './customer-hints.tsx';
import { OwnerIdCombobox } from './owner-id-combobox.tsx';
import type { OwnerSuggestion } from './owner-suggestions.ts';
import { ProviderCombobox } from './provider-combobox.tsx';
import { useDebouncedValue } from './use-debounced-value.ts';

const FIELD_NAMES: readonly Path<AddAccountFormInput>[] = [
  'originOwnerId',
  'originOwnerName',
  'originUsername',
  'provider',
  'categories',
  'label',
];

type Category = AddAccountFormValues['categories'][number];

export interface AddAccountFormProps {
  prefill?: Partial<AddAccountFormInput>;
  /** The connect session exists: time to open the Hub. */
  onSessionCreated: (session: ConnectSessionResponse, values: AddAccountFormValues) => void;
  /** The dialog's footer with the buttons; rendered inside the form so Enter submits. */
  footer: (state: { isPending: boolean }) => ReactNode;
}

const hintText = (hint: ExistingAccountHint) =>
  `${hint.ownerName} already has a ${hint.providerName} account. A label tells them apart, e.g. "EU entity".`;

/** Customer, provider (or categories) and label for a new account, validated before any session is made. */
export function AddAccountForm({ prefill, onSessionCreated, footer }: AddAccountFormProps) {
  const queryClient = useQueryClient();
  const connectorsQuery = useQuery(connectorQueries.list());
  const connectors = useMemo(
    () =>
      (connectorsQuery.data?.items ?? [])
        .filter((c) => c.active)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [connectorsQuery.data],
  );
  const categoryOptions = useMemo(() => {
    const offered = new Set(connectors.map((c) => c.category));
    const known = CATEGORIES.filter((c) => offered.has(c));
    return known.length > 0 ? known : [...CATEGORIES];
  }, [connectors]);

  const providerName = (provider: string, fallback?: string | null) =>
    connectors.find((c: Connector) => c.provider === provider)?.name ?? fallback ?? provider;

  // The label is required when the customer already has this provider; the answer comes from the
  // query cache, filled by the live check below and refreshed on submit.
  const existingHint = (values: AddAccountFormInput): ExistingAccountHint | null => {
    const ownerId = values.originOwnerId.trim();
    const provider = values.provider.trim();
    if (values.choice !== 'provider' || !ownerId || !provider) return null;
    const existing = queryClient.getQueryData(accountQueries.existing(ownerId, provider).queryKey)?.items[0];
    if (!existing) return null;
    return {
      ownerName: values.originOwnerName.trim() || existing.originOwnerName,
      providerName: providerName(provider, existing.providerName),
    };
  };

  const form = useForm<AddAccountFormInput, unknown, AddAccountFormValues>({
    resolver: (values, context, options) =>
      zodResolver(addAccountFormSchema(existingHint(values)))(values, context, options),
    defaultValues: emptyAddAccountForm(prefill),
  });
  const values = useWatch({ control: form.control }) as AddAccountFormInput;
  // FormField hands its id and aria props to its one child, so these are controlled directly.
  const { ref: ownerRef, ...ownerField } = useController({
    control: form.control,
    name: 'originOwnerId',
  }).field;
  const { ref: providerRef, ...providerField } = useController({
    control: form.control,
    name: 'provider',
  }).field;

  const ownerId = useDebouncedValue(values.originOwnerId.trim(), 300);
  const existingCheck = useQuery({
    ...accountQueries.existing(ownerId, values.provider),
    enabled: values.choice === 'provider' && ownerId.length > 0 && values.provider.length > 0,
    meta: { silent: true },
  });
  const hint = existingCheck.data?.items[0] ? existingHint(values) : null;

  const mutation = useMutation({
    mutationFn: (submitted: AddAccountFormValues) =>
      createNewConnectSession(toConnectSessionRequest(submitted)),
    onSuccess: (session, submitted) => onSessionCreated(session, submitted),
    onError: (err) => applyFormErrors(err, form.setError, FIELD_NAMES, 'Could not start adding the account'),
  });

  const [isChecking, setIsChecking] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const current = form.getValues();
    const owner = current.originOwnerId.trim();
    const provider = current.provider.trim();
    if (current.choice === 'provider' && owner && provider) {
      setIsChecking(true);
      // If the check itself fails the label stays optional; the server does not require it either.
      await queryClient.fetchQuery(accountQueries.existing(owner, provider)).catch(() => undefined);
      setIsChecking(false);
    }
    await form.handleSubmit((submitted) => mutation.mutate(submitted))();
  };

  const chooseOwner = (owner: OwnerSuggestion) => {
    const revalidate = { shouldValidate: form.formState.isSubmitted };
    form.setValue('originOwnerId', owner.id, revalidate);
    form.setValue('originOwnerName', owner.name, revalidate);
  };

  const isPending = mutation.isPending;
  const errors = form.formState.errors;
  return (
    <form noValidate onSubmit={(e) => void onSubmit(e)} className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Customer ID"
          error={errors.originOwnerId?.message}
          description={<CustomerIdHint ownerId={values.originOwnerId} />}
          className="content-start"
        >
          <OwnerIdCombobox
            ref={ownerRef}
            name={ownerField.name}
            value={ownerField.value}
            onValueChange={ownerField.onChange}
            onBlur={ownerField.onBlur}
            onPick={chooseOwner}
            disabled={isPending}
            autoFocus={!prefill?.originOwnerId}
          />
        </FormField>
        <FormField label="Customer name" error={errors.originOwnerName?.message} className="content-start">
          <Input disabled={isPending} {...form.register('originOwnerName')} />
        </FormField>
        <CustomerNameMatch
          ownerId={values.originOwnerId}
          ownerName={values.originOwnerName}
          onUse={chooseOwner}
        />
      </div>
      <FormField
        label="Username"
        error={errors.originUsername?.message}
        description="Optional: who at the customer connects it."
      >
        <Input disabled={isPending} autoComplete="off" {...form.register('originUsername')} />
      </FormField>
      <FormField
        label="Provider"
        error={
          errors.provider?.message ??
          (connectorsQuery.isError
            ? `Providers could not be loaded: ${toApiError(connectorsQuery.error).message}`
            : undefined)
        }
      >
        <ProviderCombobox
          ref={providerRef}
          name={providerField.name}
          onBlur={providerField.onBlur}
          connectors={connectors}
          isLoading={connectorsQuery.isPending}
          value={
            values.choice === 'categories'
              ? { choice: 'categories' }
              : { choice: 'provider', provider: providerField.value }
          }
          onValueChange={(next) => {
            const revalidate = { shouldValidate: form.formState.isSubmitted };
            form.setValue('choice', next.choice);
            form.setValue('provider', next.choice === 'provider' ? next.provider : '', revalidate);
            if (form.formState.isSubmitted) void form.trigger('label');
          }}
          disabled={isPending}
          autoFocus={Boolean(prefill?.originOwnerId)}
        />
      </FormField>
      {values.choice === 'categories' && (
        <Controller
          control={form.control}
          name="categories"
          render={({ field }) => (
            <CategoryCheckboxes
              options={categoryOptions}
              value={field.value as Category[]}
              onValueChange={field.onChange}
              disabled={isPending}
            />
          )}
        />
      )}
      <FormField
        label="Label"
        error={errors.label?.message}
        description={hint ? hintText(hint) : 'Optional: tells this account apart from the customer’s others.'}
      >
        <Input
          disabled={isPending}
          placeholder="e.g. EU entity"
          aria-required={hint ? true : undefined}
          {...form.register('label')}
        />
      </FormField>
      {footer({ isPending: isPending || isChecking })}
    </form>
  );
}
