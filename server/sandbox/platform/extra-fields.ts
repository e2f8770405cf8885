import type { SandboxAccount } from '../model.ts';
import type { LinkedAccountWire } from './linked-account-wire.ts';

/*
 * The `extra-fields` dialect: StackOne adding fields the SDK does not know (its parser strips them),
 * and an account status outside the three documented ones: the dashboard's "Suspended".
 */

export const UNKNOWN_STATUS = 'suspended';

/** FNV-1a over the id: stable across runs, seeds and processes. */
function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** The fixed few accounts shown `suspended`: about one in ten, chosen by id alone. */
export const isShownSuspended = (accountId: string) => idHash(accountId) % 10 === 3;

/** Unknown fields on one record; the same on every record kind. */
const unknownFields = () => ({ x_sandbox: { dialect: 'extra-fields', tags: ['unknown'] } });

export function withExtraAccountFields(wire: LinkedAccountWire, account: SandboxAccount) {
  return {
    ...wire,
    status: isShownSuspended(account.id) ? UNKNOWN_STATUS : wire.status,
    integration_id: account.integration_id,
    environment: account.environment,
    authentication_config_key: account.authentication_config_key,
    ...unknownFields(),
  };
}

export function withExtraLogFields<T extends object>(entry: T) {
  return { ...entry, region: 'eu-west-1', ...unknownFields() };
}
