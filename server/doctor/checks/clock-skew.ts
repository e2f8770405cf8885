import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import type { RawOutcome } from '../../stackone/raw-request.ts';
import { type DoctorContext, REQUESTED_PAGE_SIZE } from '../doctor-context.ts';

/** `Date` has whole seconds and the answer takes a while: below this, a difference is noise. */
export const SKEW_WARN_SECONDS = 30;

/** This machine's clock against StackOne's `Date` header. */
export function judgeClockSkew(outcome: RawOutcome): DoctorCheck {
  const base = { id: 'clock-skew', title: 'Clock skew' };
  const date = outcome.kind === 'answer' && outcome.date ? Date.parse(outcome.date) : NaN;
  if (outcome.kind !== 'answer' || Number.isNaN(date))
    return {
      ...base,
      level: 'warn',
      detail: "Unknown: StackOne's answer had no Date header",
      fix: "Keep this machine's clock synchronised (NTP).",
    };
  // Date is truncated to the second: compare with the middle of that second.
  const skewSeconds = Math.round((outcome.localMidpointMs - (date + 500)) / 1000);
  const how =
    skewSeconds === 0
      ? "This clock agrees with StackOne's (within a second)"
      : `This clock is ${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? 'ahead of' : 'behind'} StackOne's`;
  if (Math.abs(skewSeconds) <= SKEW_WARN_SECONDS) return { ...base, level: 'ok', detail: how };
  return {
    ...base,
    level: 'warn',
    detail: how,
    fix: "Synchronise this machine's clock (NTP): link expiries and event times are compared with StackOne's.",
  };
}

export async function clockSkewCheck(ctx: DoctorContext) {
  return judgeClockSkew(await ctx.view.get('/accounts', { page: 1, page_size: REQUESTED_PAGE_SIZE }));
}
