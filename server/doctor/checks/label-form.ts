import { randomUUID } from 'node:crypto';
import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import type { RawOutcome } from '../../stackone/raw-request.ts';
import type { DoctorContext } from '../doctor-context.ts';

const UNKNOWN = 'Unknown (the console detects it at the first label edit)';

/**
 * What a string label on a PATCH of an account that cannot exist tells. Nothing can change: there is
 * no such account. A server that validates the body before looking the account up refuses a string
 * it does not take (400 naming `label`); one that looks the account up first answers 404, and then
 * the form cannot be known without editing a real account, which the doctor never does.
 */
export function judgeLabelProbe(outcome: RawOutcome): DoctorCheck {
  const base = { id: 'label-form', title: 'Label form' };
  if (outcome.kind === 'unreachable')
    return { ...base, level: 'warn', detail: `${UNKNOWN}: the probe got no answer (${outcome.message})` };
  const { status, message } = outcome;
  if (status === 400 || status === 422) {
    if (/label/i.test(message))
      return {
        ...base,
        level: 'warn',
        detail: `StackOne refuses a string label (${status}: ${message}): labels must be sent as an object, as StackOne's SDK types them`,
        fix: 'Nothing to set: the console switches to the object form at the first label edit and remembers it.',
      };
    return {
      ...base,
      level: 'ok',
      detail: `${UNKNOWN}: StackOne refused the probe for another reason (${status}: ${message})`,
    };
  }
  if (status === 404)
    return {
      ...base,
      level: 'ok',
      detail: `${UNKNOWN}: a string label was not refused, but StackOne may look the account up before it reads the label (404 for the probe's made-up account)`,
    };
  if (status === 401 || status === 403)
    return {
      ...base,
      level: 'warn',
      detail: `StackOne refused a PATCH with this key (${status}${message ? ` ${message}` : ''})`,
      fix: 'Label edits will fail: give the API key write access to accounts.',
    };
  return { ...base, level: 'ok', detail: `${UNKNOWN}: the probe answered ${status}` };
}

export async function labelFormCheck(ctx: DoctorContext) {
  // An id no StackOne account can have, so the probe cannot edit anything.
  const id = `switchboard-doctor-no-such-account-${randomUUID()}`;
  return judgeLabelProbe(
    await ctx.view.patchMissing(`/accounts/${id}`, { label: 'switchboard doctor probe' }),
  );
}
