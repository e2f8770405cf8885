import type { DoctorCheck, DoctorReport } from '../../shared/schemas/doctor.ts';
import { createRawStackOne, type RawRequestOptions } from '../stackone/raw-request.ts';
import { accountsCountCheck } from './checks/accounts-count.ts';
import { accountsEnvelopeCheck } from './checks/accounts-envelope.ts';
import { accountsFirstPageCheck, accountsPageSizeCheck } from './checks/accounts-paging.ts';
import { apiKeyCheck } from './checks/api-key.ts';
import { clockSkewCheck } from './checks/clock-skew.ts';
import { connectorsCheck } from './checks/connectors.ts';
import { labelFormCheck } from './checks/label-form.ts';
import { requestLogFilterCheck } from './checks/request-log-filter.ts';
import { publicUrlCheck, webhookSecretCheck } from './checks/webhook-setup.ts';
import type { DoctorContext } from './doctor-context.ts';
import { createStackOneView, type StackOneView } from './stackone-view.ts';

/** In report order. One after the other: the doctor must not spend the key's rate limit in a burst. */
const CHECKS: { id: string; title: string; run: (ctx: DoctorContext) => Promise<DoctorCheck> }[] = [
  { id: 'accounts-envelope', title: 'Response envelope', run: accountsEnvelopeCheck },
  { id: 'accounts-first-page', title: 'Where /accounts pages start', run: accountsFirstPageCheck },
  { id: 'accounts-page-size', title: '/accounts page size', run: accountsPageSizeCheck },
  { id: 'accounts-count', title: 'Accounts', run: accountsCountCheck },
  { id: 'connectors', title: 'Connectors', run: connectorsCheck },
  { id: 'request-log-filter', title: 'Request-log account filter', run: requestLogFilterCheck },
  { id: 'label-form', title: 'Label form', run: labelFormCheck },
  { id: 'webhook-secret', title: 'Webhook secret', run: webhookSecretCheck },
  { id: 'public-url', title: 'PUBLIC_URL', run: publicUrlCheck },
  { id: 'clock-skew', title: 'Clock skew', run: clockSkewCheck },
];

export interface DoctorTarget {
  stackOne: RawRequestOptions;
  isSandbox: boolean;
  publicUrl: string;
  webhookSecretCount: number;
}

/**
 * The read-only check of the configured StackOne. Never throws: a check that breaks is a `fail` line
 * naming it. An unreachable StackOne or a refused key is the whole report (one line), since every
 * other check would fail the same way.
 */
export async function runDoctor(target: DoctorTarget, view?: StackOneView): Promise<DoctorReport> {
  const ctx: DoctorContext = {
    view: view ?? createStackOneView(createRawStackOne(target.stackOne)),
    baseUrl: target.stackOne.baseUrl,
    isSandbox: target.isSandbox,
    publicUrl: target.publicUrl,
    webhookSecretCount: target.webhookSecretCount,
  };
  const report = (checks: DoctorCheck[]): DoctorReport => ({
    target: target.stackOne.baseUrl,
    sandbox: target.isSandbox,
    checkedAt: new Date().toISOString(),
    checks,
  });
  const { fatal, ...key } = await apiKeyCheck(ctx);
  if (fatal) return report([key]);
  const checks: DoctorCheck[] = [key];
  for (const check of CHECKS) {
    try {
      checks.push(await check.run(ctx));
    } catch (err) {
      checks.push({
        id: check.id,
        title: check.title,
        level: 'fail',
        detail: `The check itself failed: ${err instanceof Error ? err.message : String(err)}`,
        fix: 'A bug in the doctor: keep this output for the report.',
      });
    }
  }
  return report(checks);
}

export const hasFailure = (report: DoctorReport) => report.checks.some((c) => c.level === 'fail');
