import type { SandboxAccount } from '../model.ts';

/** The account as the control API shows it: the whole record except its secrets. */
export function controlAccountJson(account: SandboxAccount): Omit<SandboxAccount, 'secrets'> {
  const { secrets: _secrets, ...rest } = account;
  return rest;
}
