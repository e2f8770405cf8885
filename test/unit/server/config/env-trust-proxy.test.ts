import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../server/config/config.ts';
import { loadConfig } from '../../../../server/config/load-config.ts';

const load = (env: Record<string, string>) => loadConfig({ STACKONE_API_KEY: 'key', ...env });

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(load({}).trustProxy).toEqual([]);
    expect(load({ TRUST_PROXY: ' ' }).trustProxy).toEqual([]);
  });

  it('reads a comma list of IPv4 and IPv6 addresses and CIDRs', () => {
    expect(
      load({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8,fd00::/8, ::1 ,::ffff:192.0.2.0/120' }).trustProxy,
    ).toEqual([
      { address: '10.0.0.1', prefix: 32, family: 'ipv4' },
      { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
      { address: 'fd00::', prefix: 8, family: 'ipv6' },
      { address: '::1', prefix: 128, family: 'ipv6' },
      { address: '::ffff:192.0.2.0', prefix: 120, family: 'ipv6' },
    ]);
  });

  it.each([
    'proxy.internal',
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    '10.0.0.0/0x8',
    '10.0.0.256',
    'fe80::1%eth0',
    '*',
  ])('stops the start naming the variable for %j', (value) => {
    expect(() => load({ TRUST_PROXY: `10.0.0.1,${value}` })).toThrow(ConfigError);
    expect(() => load({ TRUST_PROXY: `10.0.0.1,${value}` })).toThrow(
      /TRUST_PROXY: .*is not an IP address or CIDR/,
    );
  });
});

describe('SWITCHBOARD_ADMIN_PASSWORD', () => {
  it('stops the start for a password longer than sign-in accepts', () => {
    const env = { SWITCHBOARD_ADMIN_EMAIL: 'admin@example.com' };
    expect(() => load({ ...env, SWITCHBOARD_ADMIN_PASSWORD: 'p'.repeat(129) })).toThrow(
      /SWITCHBOARD_ADMIN_PASSWORD: must be at most 128/,
    );
    expect(load({ ...env, SWITCHBOARD_ADMIN_PASSWORD: 'p'.repeat(128) }).auth.initialAdmin).not.toBeNull();
  });
});
