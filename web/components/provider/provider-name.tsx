import type { Account } from '../../../shared/schemas/account.ts';
import { ProviderLogo } from './provider-logo.tsx';
import { useConnectorLookup } from './use-connector-lookup.ts';

/** Logo and name of an account's provider. */
export function ProviderName({
  account,
  className,
}: {
  account: Pick<Account, 'provider' | 'providerName'>;
  className?: string;
}) {
  const connector = useConnectorLookup().get(account.provider);
  const name = account.providerName ?? connector?.name ?? account.provider;
  return (
    <span className={className ?? 'inline-flex items-center gap-2'}>
      <ProviderLogo name={name} logoUrl={connector?.logoUrl} />
      <span className="truncate">{name}</span>
    </span>
  );
}
