import { z } from 'zod';

export const ALERT_DESTINATION_TYPES = ['slack', 'webhook', 'email'] as const;
export const AlertDestinationTypeSchema = z.enum(ALERT_DESTINATION_TYPES);
export type AlertDestinationType = z.infer<typeof AlertDestinationTypeSchema>;

export const ALERT_MAX_ADDRESSES = 20;

const name = z
  .string('Name is required')
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name has at most 100 characters');

/**
 * Where the console POSTs: http or https only, no user:password part (it would be logged and shown).
 * Private and loopback addresses are allowed on purpose: the console is self-hosted and only an admin
 * can add a destination, which is often an internal receiver; schemes such as file:, gopher: or data:
 * are what could make the server read or speak something other than an HTTP request.
 */
const destinationUrl = z
  .string('URL is required')
  .trim()
  .min(1, 'URL is required')
  .max(2000, 'URL has at most 2000 characters')
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter an http:// or https:// URL' }))
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password;
  }, 'The URL must not hold a user name or password');

const address = z.email('Enter valid email addresses').max(254);

export const CreateAlertDestinationRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('slack'), name, url: destinationUrl }),
  z.object({ type: z.literal('webhook'), name, url: destinationUrl }),
  z.object({
    type: z.literal('email'),
    name,
    addresses: z
      .array(address)
      .min(1, 'Enter at least one address')
      .max(ALERT_MAX_ADDRESSES, `At most ${ALERT_MAX_ADDRESSES} addresses`),
  }),
]);
export type CreateAlertDestinationRequest = z.input<typeof CreateAlertDestinationRequestSchema>;

/** The add form: one text field of comma-separated addresses, checked as the request checks them. */
export const AlertDestinationFormSchema = z
  .object({
    type: AlertDestinationTypeSchema,
    name,
    url: z.string().trim(),
    addresses: z.string().trim(),
  })
  .superRefine((form, ctx) => {
    const parsed = CreateAlertDestinationRequestSchema.safeParse(alertFormToRequest(form));
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'addresses' ? 'addresses' : issue.path[0] === 'url' ? 'url' : null;
      if (field) ctx.addIssue({ code: 'custom', path: [field], message: issue.message });
    }
  });
export type AlertDestinationForm = z.infer<typeof AlertDestinationFormSchema>;

export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function alertFormToRequest(form: AlertDestinationForm): CreateAlertDestinationRequest {
  return form.type === 'email'
    ? { type: 'email', name: form.name, addresses: splitAddresses(form.addresses) }
    : { type: form.type, name: form.name, url: form.url };
}

export const AlertDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type AlertDeliveryStatus = z.infer<typeof AlertDeliveryStatusSchema>;

/** A destination as listed: a Slack or webhook URL only masked (`https://hooks.slack.com/…`). */
export const AlertDestinationSchema = z.object({
  id: z.string(),
  type: AlertDestinationTypeSchema,
  name: z.string(),
  maskedUrl: z.string().nullable(),
  addresses: z.array(z.string()).nullable(),
  createdAt: z.string(),
  lastDelivery: z.object({ status: AlertDeliveryStatusSchema, at: z.string() }).nullable(),
});
export type AlertDestination = z.infer<typeof AlertDestinationSchema>;

/** `POST /api/alert-destinations` (201): the only answer holding the URL, and a webhook's secret. */
export const CreatedAlertDestinationSchema = AlertDestinationSchema.extend({
  url: z.string().nullable(),
  secret: z.string().nullable(),
});
export type CreatedAlertDestination = z.infer<typeof CreatedAlertDestinationSchema>;

export const AlertDestinationListSchema = z.object({ items: z.array(AlertDestinationSchema) });
export type AlertDestinationList = z.infer<typeof AlertDestinationListSchema>;

export const AlertDestinationIdParamSchema = z.object({ id: z.string().min(1).max(100) });

export const AlertMessageKindSchema = z.enum(['opened', 'resolved', 'test']);
export type AlertMessageKind = z.infer<typeof AlertMessageKindSchema>;

export const AlertDeliverySchema = z.object({
  id: z.number(),
  announcementId: z.string(),
  kind: AlertMessageKindSchema,
  title: z.string(),
  status: AlertDeliveryStatusSchema,
  attempts: z.number(),
  error: z.string().nullable(),
  responseStatus: z.number().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;

/** `GET /api/alert-destinations/:id/deliveries`: newest first. */
export const AlertDeliveryListSchema = z.object({ items: z.array(AlertDeliverySchema) });
export type AlertDeliveryList = z.infer<typeof AlertDeliveryListSchema>;

/** `POST /api/alert-destinations/:id/test` (202): the queued test delivery. */
export const AlertTestResultSchema = z.object({ delivery: AlertDeliverySchema });

export const AlertMessageIncidentSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  customer: z.string(),
  provider: z.string(),
  kind: z.string(),
  reasonCode: z.string().nullable(),
  reasonDescription: z.string().nullable(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  url: z.string(),
});

/**
 * What every destination is sent, rendered once when the rules decide it (webhook receivers get it
 * as JSON; Slack and email get `title` and `text` laid out). `id` is the same on every retry.
 */
export const AlertMessageSchema = z.object({
  id: z.string(),
  kind: AlertMessageKindSchema,
  grouped: z.boolean(),
  provider: z.string().nullable(),
  count: z.number(),
  title: z.string(),
  text: z.string(),
  url: z.string(),
  topReasons: z.array(z.object({ code: z.string(), count: z.number() })),
  incidents: z.array(AlertMessageIncidentSchema),
});
export type AlertMessage = z.infer<typeof AlertMessageSchema>;
