import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../../server/audit/write-audit.ts';

describe('redactSecrets', () => {
  it('replaces the value of every key that names a secret', () => {
    expect(
      redactSecrets({
        password: 'hunter2hunter2',
        pass: 'x',
        token: 'tok_123',
        accessToken: 'at',
        refresh_token: 'rt',
        secret: 's',
        webhookSecret: 'whsec',
        apiKey: 'v1.key',
        api_key: 'v1.key',
        Authorization: 'Basic abc',
        cookie: 'better-auth.session_token=abc',
        credentials: { user: 'u', pin: '1234' },
      }),
    ).toEqual({
      password: '[redacted]',
      pass: '[redacted]',
      token: '[redacted]',
      accessToken: '[redacted]',
      refresh_token: '[redacted]',
      secret: '[redacted]',
      webhookSecret: '[redacted]',
      apiKey: '[redacted]',
      api_key: '[redacted]',
      Authorization: '[redacted]',
      cookie: '[redacted]',
      credentials: '[redacted]',
    });
  });

  it('looks into nested objects and arrays', () => {
    expect(
      redactSecrets({
        request: { headers: { authorization: 'Bearer x' } },
        sessions: [{ token: 't1', id: 1 }],
      }),
    ).toEqual({
      request: { headers: { authorization: '[redacted]' } },
      sessions: [{ token: '[redacted]', id: 1 }],
    });
  });

  it('keeps everything else as it is', () => {
    const summary = {
      label: 'EU entity',
      purpose: 'auth_link',
      expiresIn: 3600,
      multiple: true,
      categories: ['hris', 'ats'],
      error: null,
      email: 'someone@example.test',
    };
    expect(redactSecrets(summary)).toEqual(summary);
  });

  it('keeps a flag or a number under a secret-like key, which can hold no secret', () => {
    expect(
      redactSecrets({ passwordChanged: true, tokenCount: 2, secretRotated: false, apiKey: null }),
    ).toEqual({
      passwordChanged: true,
      tokenCount: 2,
      secretRotated: false,
      apiKey: null,
    });
  });

  it('answers plain values unchanged and does not modify its input', () => {
    expect(redactSecrets('text')).toBe('text');
    expect(redactSecrets(7)).toBe(7);
    expect(redactSecrets(null)).toBeNull();
    const input = { token: 'abc' };
    redactSecrets(input);
    expect(input).toEqual({ token: 'abc' });
  });
});
