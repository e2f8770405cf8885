import { describe, expect, it } from 'vitest';
import { safeRedirect } from '../../../../web/lib/safe-redirect.ts';

describe('safeRedirect', () => {
  it('keeps a path on this site with its search', () => {
    expect(safeRedirect('/accounts?status=error')).toBe('/accounts?status=error');
  });

  it('refuses other sites, protocol-relative links and the login page itself', () => {
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/login?redirect=/x',
      42,
      undefined,
    ]) {
      expect(safeRedirect(bad)).toBe('/accounts');
    }
  });
});
