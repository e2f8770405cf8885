import { describe, expect, it } from 'vitest';
import {
  claimGroups,
  emailDomainAllowed,
  roleForGroups,
} from '../../../../../server/auth/sso/role-mapping.ts';
import { loadConfig } from '../../../../../server/config/load-config.ts';

const MAP = [
  { group: 'sb-support', role: 'support' as const },
  { group: 'sb-admins', role: 'admin' as const },
  { group: 'sb-managers', role: 'manager' as const },
];

describe('roles from IdP groups', () => {
  it('gives the highest role any group maps to, whatever the order', () => {
    expect(roleForGroups(['sb-support', 'sb-managers'], MAP)).toBe('manager');
    expect(roleForGroups(['sb-admins', 'sb-support'], MAP)).toBe('admin');
  });

  it('maps everyone else with *, and nobody without it', () => {
    expect(roleForGroups(['marketing'], MAP)).toBeNull();
    expect(roleForGroups(['marketing'], [...MAP, { group: '*', role: 'viewer' }])).toBe('viewer');
    expect(roleForGroups(['sb-support'], [...MAP, { group: '*', role: 'viewer' }])).toBe('support');
  });

  it('reads the claim as an array, a single string, a URL-named claim or a dotted path', () => {
    expect(claimGroups({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(claimGroups({ groups: 'a' }, 'groups')).toEqual(['a']);
    expect(claimGroups({ 'https://x.example/groups': ['a'] }, 'https://x.example/groups')).toEqual(['a']);
    expect(claimGroups({ realm_access: { roles: ['r'] } }, 'realm_access.roles')).toEqual(['r']);
    expect(claimGroups({}, 'groups')).toEqual([]);
  });

  it('allows only the listed email domains, when there are any', () => {
    expect(emailDomainAllowed('a@Example.com', ['example.com'])).toBe(true);
    expect(emailDomainAllowed('a@example.com.evil.test', ['example.com'])).toBe(false);
    expect(emailDomainAllowed('a@anything.test', [])).toBe(true);
  });
});

describe('OIDC configuration', () => {
  const base = { OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_ROLE_MAP: 'g:admin' };

  it('accepts http:// only on this machine', () => {
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    );
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'http://idp.example.com' })).toThrow(/OIDC_ISSUER/);
  });

  it('names a bad role map entry, and requires one with an issuer', () => {
    expect(() =>
      loadConfig({ ...base, OIDC_ISSUER: 'https://idp.example', OIDC_ROLE_MAP: 'g:owner' }),
    ).toThrow(/OIDC_ROLE_MAP/);
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'https://idp.example', OIDC_ROLE_MAP: '' })).toThrow(
      /OIDC_ROLE_MAP/,
    );
  });

  it('prints the callback URL under PUBLIC_URL and defaults the scopes and claim', () => {
    const { oidc } = loadConfig({
      ...base,
      OIDC_ISSUER: 'https://idp.example/',
      PUBLIC_URL: 'https://sb.example',
    });
    expect(oidc).toMatchObject({
      issuer: 'https://idp.example',
      callbackUrl: 'https://sb.example/api/auth/callback/oidc',
      scopes: ['openid', 'email', 'profile', 'groups'],
      roleClaim: 'groups',
    });
  });
});
