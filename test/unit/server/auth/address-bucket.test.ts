import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressBucket, ipv6Groups } from '../../../../server/auth/address-bucket.ts';

const group = fc.integer({ min: 0, max: 0xffff });
const groups = fc.array(group, { minLength: 8, maxLength: 8 });
const full = (g: number[]) => g.map((x) => x.toString(16).padStart(4, '0')).join(':');
/** The shortest form, as the WHATWG URL parser writes IPv6 hosts. */
const compressed = (g: number[]) => new URL(`http://[${full(g)}]/`).hostname.slice(1, -1);
const isMapped = (g: number[]) => g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;

describe('ipv6Groups', () => {
  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['1::', [1, 0, 0, 0, 0, 0, 0, 0]],
    ['2001:db8::8:800:200c:417a', [0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]],
    ['::ffff:192.0.2.1', [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x201]],
    ['64:ff9b::198.51.100.7', [0x64, 0xff9b, 0, 0, 0, 0, 0xc633, 0x6407]],
    ['1:2:3:4:5:6:1.2.3.4', [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
    ['fe80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
  ])('reads %s', (address, expected) => {
    expect(ipv6Groups(address)).toEqual(expected);
  });

  it('reads every address back from its full and its shortest form', () => {
    fc.assert(
      fc.property(groups, (g) => {
        expect(ipv6Groups(full(g))).toEqual(g);
        expect(ipv6Groups(compressed(g))).toEqual(g);
        expect(ipv6Groups(full(g).toUpperCase())).toEqual(g);
      }),
    );
  });

  it('answers null for what is not an IPv6 address', () => {
    for (const text of ['192.0.2.1', 'unknown', '', '1:2:3', '::g', '1::2::3'])
      expect(ipv6Groups(text)).toBeNull();
  });
});

describe('addressBucket', () => {
  it('keeps an IPv4 address as it is, also when the socket reports it mapped into IPv6', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(addressBucket(ip)).toBe(ip);
        expect(addressBucket(`::ffff:${ip}`)).toBe(ip);
        const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        expect(addressBucket(hex)).toBe(ip);
      }),
    );
  });

  it('puts two IPv6 addresses in one bucket exactly when their first 64 bits agree', () => {
    fc.assert(
      fc.property(groups, groups, fc.boolean(), (a, b, samePrefix) => {
        fc.pre(!isMapped(a) && !isMapped(b));
        const other = samePrefix ? [...a.slice(0, 4), ...b.slice(4)] : b;
        const same = other.slice(0, 4).every((x, i) => x === a[i]);
        expect(addressBucket(compressed(a)) === addressBucket(full(other))).toBe(same);
      }),
    );
  });

  it('names the bucket by its /64', () => {
    expect(addressBucket('2001:DB8:0:42:dead:beef::1')).toBe('2001:db8:0:42::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('leaves what is not an address as its own key', () => {
    expect(addressBucket('unknown')).toBe('unknown');
  });
});
