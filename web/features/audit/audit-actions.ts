import type { AuditAction } from '../../../shared/schemas/audit.ts';

/** How each audited action reads in the UI; the code itself is shown beside it. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'account.label_updated': 'Label updated',
  'account.deleted': 'Account deleted',
  'account.connect_session_created': 'Hub opened to fix credentials',
  'account.auth_link_created': 'Re-link link created',
  'connect_session.created': 'Hub opened to add an account',
  'connect_session.auth_link_created': 'Auth link created for a new account',
  'user.created': 'User created',
  'user.updated': 'User updated',
  'user.setup': 'First admin set up',
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_out': 'Signed out',
  'user.sso_role_applied': 'Role set from single sign-on',
  'user.sso_disabled': 'Disabled by single sign-on',
};

export const auditActionLabel = (action: string): string =>
  (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
