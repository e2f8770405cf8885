import { describe, expect, it } from 'vitest';
import {
  AlertDestinationFormSchema,
  CreateAlertDestinationRequestSchema,
} from '../../../shared/schemas/alerts.ts';

describe('alert destination requests', () => {
  it.each(['https://hooks.slack.com/services/T/B/x', 'http://10.0.0.5:8080/alerts', 'http://127.0.0.1/x'])(
    'accepts the http(s) URL %s',
    (url) => {
      expect(CreateAlertDestinationRequestSchema.safeParse({ type: 'webhook', name: 'W', url }).success).toBe(
        true,
      );
    },
  );

  it.each([
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_',
    'ftp://example.com/',
    'javascript:alert(1)',
    'https://u:p@example.com/',
  ])('refuses %s', (url) => {
    const parsed = CreateAlertDestinationRequestSchema.safeParse({ type: 'slack', name: 'S', url });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['url']);
  });

  it('reads the form: comma-separated addresses for email, each checked', () => {
    const ok = AlertDestinationFormSchema.safeParse({
      type: 'email',
      name: 'On-call',
      url: '',
      addresses: 'a@example.com, b@example.com',
    });
    expect(ok.success).toBe(true);
    const bad = AlertDestinationFormSchema.safeParse({
      type: 'email',
      name: 'On-call',
      url: '',
      addresses: 'nope',
    });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([['addresses']]);
    const noUrl = AlertDestinationFormSchema.safeParse({
      type: 'webhook',
      name: 'W',
      url: '',
      addresses: '',
    });
    expect(noUrl.error?.issues.map((i) => i.path)).toEqual([['url']]);
  });
});
