import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import type { RawOutcome } from '../../stackone/raw-request.ts';
import type { DoctorContext } from '../doctor-context.ts';

/** `GET /connectors/meta`: how many connectors the project has, and how many are enabled. */
export function judgeConnectors(outcome: RawOutcome): DoctorCheck {
  const base = { id: 'connectors', title: 'Connectors' };
  if (outcome.kind === 'unreachable')
    return {
      ...base,
      level: 'fail',
      detail: `GET /connectors/meta got no answer (${outcome.message})`,
      fix: 'Run the doctor again; the Add account form needs this list.',
    };
  if (outcome.status < 200 || outcome.status >= 300)
    return {
      ...base,
      level: 'fail',
      detail: `GET /connectors/meta answered ${outcome.status}${outcome.message ? ` ${outcome.message}` : ''}`,
      fix: 'The Add account form needs this list: check that the key may read connectors.',
    };
  const body = outcome.body;
  const items = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)
      ? (body as { data: unknown[] }).data
      : null;
  if (!items)
    return {
      ...base,
      level: 'fail',
      detail: 'GET /connectors/meta answered something other than a list',
      fix: 'Keep this output for StackOne support.',
    };
  const active = items.filter((c) => (c as { active?: unknown } | null)?.active !== false).length;
  const shape = Array.isArray(body) ? '' : ' (in a {"data": [...]} envelope)';
  if (items.length === 0)
    return {
      ...base,
      level: 'warn',
      detail: `No connectors${shape}`,
      fix: "Enable connectors on StackOne's integrations page: without one, no account can be added.",
    };
  return { ...base, level: 'ok', detail: `${items.length} connectors, ${active} enabled${shape}` };
}

export async function connectorsCheck(ctx: DoctorContext) {
  return judgeConnectors(await ctx.view.get('/connectors/meta', { include: 'resources' }));
}
