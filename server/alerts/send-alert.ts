import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AlertMessage } from '../../shared/schemas/alerts.ts';

export interface AlertTarget {
  type: string;
  url: string | null;
  addresses: string[] | null;
  secret: string | null;
}

export interface SendSettings {
  smtpUrl: string | null;
  smtpFrom: string;
  timeoutMs: number;
}

/** A failed attempt; `status` is the receiver's HTTP answer when there was one. */
export class AlertSendError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'AlertSendError';
  }
}

/** HMAC-SHA256 of the raw body, unpadded base64url: what `x-switchboard-signature` carries. */
export const signAlertBody = (secret: string, rawBody: string): string =>
  createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64url').replace(/=+$/, '');

/** Slack mrkdwn treats these three as control characters. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const MAX_LISTED = 10;

export function slackBody(message: AlertMessage): { text: string; blocks: unknown[] } {
  const listed = message.incidents.slice(0, MAX_LISTED).map((i) => {
    const reason = i.reasonDescription ?? i.reasonCode ?? i.kind;
    return `• <${i.url}|${slackEscape(i.customer)}> · ${slackEscape(i.provider)} · \`${slackEscape(i.accountId)}\` · ${slackEscape(reason)}`;
  });
  const more = message.incidents.length - listed.length;
  const blocks: unknown[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*<${message.url}|${slackEscape(message.title)}>*\n${slackEscape(message.text)}`,
      },
    },
  ];
  if (listed.length > 0 && !message.grouped) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: listed.join('\n') }] });
  } else if (message.grouped) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `<${message.url}|Open the ${slackEscape(message.provider ?? '')} queue>` },
      ],
    });
  }
  if (more > 0 && !message.grouped)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${more} more` }] });
  // `text` is the notification and the fallback where blocks are not shown.
  return { text: `${message.title}: ${message.text} ${message.url}`, blocks };
}

export function emailText(message: AlertMessage): string {
  const lines = [message.text, '', message.url];
  if (!message.grouped && message.incidents.length > 0) {
    lines.push('');
    for (const i of message.incidents) {
      lines.push(
        `- ${i.customer} · ${i.provider} · account ${i.accountId} · ${i.reasonDescription ?? i.reasonCode ?? i.kind}`,
        `  ${i.url}`,
      );
    }
  }
  return lines.join('\n');
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard-Alerts', ...headers },
      body,
      // A redirect is not followed: the URL an admin entered is the only place alerts go.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause =
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new AlertSendError(`No answer from the receiver: ${cause}`);
  }
  await res.body?.cancel().catch(() => {});
  if (res.status < 200 || res.status >= 300) {
    throw new AlertSendError(`The receiver answered ${res.status}`, res.status);
  }
  return res.status;
}

/** Sends one message to one destination; throws AlertSendError when it did not arrive. */
export function createAlertSender(settings: SendSettings) {
  let transporter: Transporter | null = null;
  const mailer = () => {
    if (!settings.smtpUrl) throw new AlertSendError('SMTP_URL is not set: email alerts cannot be sent');
    transporter ??= nodemailer.createTransport(settings.smtpUrl);
    return transporter;
  };

  return {
    /** Answers the receiver's HTTP status (null for email). */
    async send(target: AlertTarget, message: AlertMessage): Promise<number | null> {
      if (target.type === 'slack') {
        return post(target.url!, JSON.stringify(slackBody(message)), {}, settings.timeoutMs);
      }
      if (target.type === 'webhook') {
        const raw = JSON.stringify(message);
        return post(
          target.url!,
          raw,
          {
            'x-switchboard-signature': signAlertBody(target.secret!, raw),
            // The same on every retry of a message: receivers deduplicate on it.
            'x-switchboard-delivery': message.id,
          },
          settings.timeoutMs,
        );
      }
      if (target.type === 'email') {
        try {
          await mailer().sendMail({
            from: settings.smtpFrom,
            to: target.addresses ?? [],
            subject: message.title,
            text: emailText(message),
            headers: { 'X-Switchboard-Alert': message.id },
          });
        } catch (err) {
          if (err instanceof AlertSendError) throw err;
          throw new AlertSendError(`SMTP: ${err instanceof Error ? err.message : String(err)}`);
        }
        return null;
      }
      throw new AlertSendError(`Unknown destination type ${target.type}`);
    },
    close(): void {
      transporter?.close();
    },
  };
}

export type AlertSender = ReturnType<typeof createAlertSender>;
