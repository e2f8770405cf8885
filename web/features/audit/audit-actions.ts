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
  'incident.updated': 'Incident updated',
  'incident.note_added': 'Incident note added',
  'sandbox.account_broken': 'Account broken in the sandbox',
  'sandbox.fault_injected': 'Sandbox fault injected',
  'sandbox.faults_cleared': 'Sandbox faults cleared',
  'link.revoked': 'Re-link link revoked',
  'links.bulk_created': 'Re-link links sent in bulk',
  'view.created': 'Saved view created',
  'view.updated': 'Saved view changed',
  'view.deleted': 'Saved view deleted',
  'accounts.exported': 'Accounts exported (CSV)',
  'alert_destination.created': 'Alert destination added',
  'alert_destination.deleted': 'Alert destination deleted',
  'alert_destination.tested': 'Test alert sent',
  'user.sso_role_applied': 'Role set from single sign-on',
  'user.sso_disabled': 'Disabled by single sign-on',
};

export const auditActionLabel = (action: string): string =>
  (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
