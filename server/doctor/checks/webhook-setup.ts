import type { DoctorCheck } from '../../../shared/schemas/doctor.ts';
import type { DoctorContext } from '../doctor-context.ts';

export function judgeWebhookSecret(count: number, isSandbox: boolean): DoctorCheck {
  const base = { id: 'webhook-secret', title: 'Webhook secret' };
  if (isSandbox)
    return {
      ...base,
      level: 'ok',
      detail: 'The embedded sandbox signs its webhooks with a secret shared at start',
    };
  if (count > 0)
    return {
      ...base,
      level: 'ok',
      detail: `${count} secret${count === 1 ? '' : 's'} configured (STACKONE_WEBHOOK_SECRETS)`,
    };
  return {
    ...base,
    level: 'warn',
    detail:
      'No STACKONE_WEBHOOK_SECRETS: every webhook is refused (401), so accounts change in the console only at the next sync',
    fix: "Set STACKONE_WEBHOOK_SECRETS to the signing secret of the webhook in StackOne's dashboard.",
  };
}

/** StackOne delivers webhooks to a public URL; the console's own links and cookies want https too. */
export function judgePublicUrl(publicUrl: string, isSandbox: boolean): DoctorCheck {
  const base = { id: 'public-url', title: 'PUBLIC_URL' };
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return {
      ...base,
      level: 'fail',
      detail: `PUBLIC_URL is not a URL: ${publicUrl}`,
      fix: 'Set PUBLIC_URL to the https address users open.',
    };
  }
  if (url.protocol === 'https:') return { ...base, level: 'ok', detail: `${publicUrl} is https` };
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return {
    ...base,
    level: 'warn',
    detail: `${publicUrl} is not https${local ? ' (a local address)' : ''}`,
    fix:
      isSandbox && local
        ? 'Fine for the embedded sandbox; with a real StackOne, serve the console over https and set PUBLIC_URL: StackOne delivers webhooks to https addresses.'
        : 'Serve the console over https and set PUBLIC_URL to that address: StackOne delivers webhooks to https addresses, and sign-in cookies need it.',
  };
}

export async function webhookSecretCheck(ctx: DoctorContext) {
  return judgeWebhookSecret(ctx.webhookSecretCount, ctx.isSandbox);
}

export async function publicUrlCheck(ctx: DoctorContext) {
  return judgePublicUrl(ctx.publicUrl, ctx.isSandbox);
}
