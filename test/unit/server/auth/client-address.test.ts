import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  hopAddress,
  trustedProxies,
  UNKNOWN_CLIENT,
} from '../../../../server/auth/client-address.ts';
import { envTrustProxy } from '../../../../server/config/env-trust-proxy.ts';

const trust = (list: string) => trustedProxies(envTrustProxy.parse(list));
/** Proxies on 10.0.0.0/8 and fd00::/8, and one public load balancer. */
const TRUSTED = trust('10.0.0.0/8, fd00::/8, 198.51.100.7');

/** Addresses outside TRUSTED: clients. */
const untrusted = (family: 'ipv4' | 'ipv6') => (ip: string) => !TRUSTED!.check(ip, family);
const publicV4 = fc.ipV4().filter(untrusted('ipv4'));
const publicV6 = fc.ipV6().filter(untrusted('ipv6'));
const client = fc.oneof(publicV4, publicV6);
const proxy = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`),
  fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([a, b]) => `fd00:${a.toString(16)}::${b.toString(16)}`),
  fc.constant('198.51.100.7'),
);
/** What a client may write into X-Forwarded-For itself: anything. */
const forged = fc.array(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), proxy), { maxLength: 5 });

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever the header says', () => {
    fc.assert(
      fc.property(client, fc.string(), (peer, header) => {
        expect(clientAddress(peer, header, null)).toBe(peer);
      }),
    );
  });

  it('is the socket peer when the peer is not a trusted proxy', () => {
    fc.assert(
      fc.property(client, forged, (peer, hops) => {
        expect(clientAddress(peer, hops.join(', '), TRUSTED)).toBe(peer);
      }),
    );
  });

  it('is the first untrusted hop from the right behind trusted proxies, whatever the client forged to its left', () => {
    fc.assert(
      fc.property(forged, client, fc.array(proxy, { maxLength: 4 }), proxy, (left, real, hops, peer) => {
        const header = [...left, real, ...hops].join(',');
        expect(clientAddress(peer, header, TRUSTED)).toBe(real);
      }),
    );
  });

  it('is the leftmost hop when every hop is a trusted proxy', () => {
    fc.assert(
      fc.property(fc.array(proxy, { minLength: 1, maxLength: 4 }), proxy, (hops, peer) => {
        expect(clientAddress(peer, hops.join(', '), TRUSTED)).toBe(hops[0]);
      }),
    );
  });

  it('stops at the trusted hop that received a hop which is not an address', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9, not-an-ip, 10.0.0.2', TRUSTED)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.1', '_hidden', TRUSTED)).toBe('10.0.0.1');
  });

  it('reads hops with ports and brackets, and skips empty ones', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9:4711, , 10.0.0.2', TRUSTED)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '[2001:db8::1]:443', TRUSTED)).toBe('2001:db8::1');
    expect(clientAddress('fd00::1', '[2001:db8::2]', TRUSTED)).toBe('2001:db8::2');
  });

  it('trusts an IPv4 proxy also when the socket reports it mapped into IPv6', () => {
    expect(clientAddress('::ffff:10.1.2.3', '203.0.113.9', TRUSTED)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.1', '203.0.113.9', TRUSTED)).toBe('::ffff:203.0.113.1');
  });

  it('is the peer when there is no header, and unknown when there is no peer', () => {
    expect(clientAddress('10.0.0.1', undefined, TRUSTED)).toBe('10.0.0.1');
    expect(clientAddress(undefined, '203.0.113.9', TRUSTED)).toBe(UNKNOWN_CLIENT);
  });

  it('trusts exactly the listed addresses and networks', () => {
    const list = trust('192.0.2.1, 2001:db8::/126');
    expect(clientAddress('192.0.2.1', '203.0.113.9', list)).toBe('203.0.113.9');
    expect(clientAddress('192.0.2.2', '203.0.113.9', list)).toBe('192.0.2.2');
    expect(clientAddress('2001:db8::3', '203.0.113.9', list)).toBe('203.0.113.9');
    expect(clientAddress('2001:db8::4', '203.0.113.9', list)).toBe('2001:db8::4');
  });
});

describe('hopAddress', () => {
  it('reads a bare address, IPv4 with a port, and bracketed IPv6 with or without one', () => {
    expect(hopAddress(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(hopAddress('192.0.2.1:80')).toBe('192.0.2.1');
    expect(hopAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(hopAddress('[2001:db8::1]:80')).toBe('2001:db8::1');
  });

  it('answers null for anything else', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const address = hopAddress(text);
        if (address !== null) expect(text).toContain(address);
      }),
    );
    for (const text of ['unknown', '_hidden', '192.0.2.1:', '[192.0.2.1]', '2001:db8::1:80:x', ''])
      expect(hopAddress(text)).toBeNull();
  });
});
