import { isIP } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (zone id ignored), or null when it is not one. */
export function ipv6Groups(address: string): number[] | null {
  const zone = address.indexOf('%');
  const bare = zone < 0 ? address : address.slice(0, zone);
  if (isIP(bare) !== 6) return null;
  let head = bare;
  const tail: number[] = [];
  const lastColon = bare.lastIndexOf(':');
  const last = bare.slice(lastColon + 1);
  if (last.includes('.')) {
    // An IPv4 tail (`::ffff:192.0.2.1`) is the last two groups.
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    head = bare.slice(0, bare.endsWith('::' + last) ? lastColon + 1 : lastColon);
  }
  const [left = '', right] = head.split('::');
  const leftGroups = left ? left.split(':') : [];
  const rightGroups = right ? right.split(':') : [];
  const missing = 8 - tail.length - leftGroups.length - rightGroups.length;
  return [...leftGroups, ...Array<string>(missing).fill('0'), ...rightGroups]
    .map((g) => parseInt(g, 16))
    .concat(tail);
}

const isMappedIpv4 = (groups: number[]) => groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;

/**
 * The key a client is counted under: an IPv4 address as it is (also when mapped into IPv6), an IPv6
 * address by its /64, since one subscriber commonly holds a whole /64 and could otherwise take a new
 * address for every attempt. Anything else (no address known) is its own key.
 */
export function addressBucket(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (isMappedIpv4(groups)) {
    const [hi, lo] = [groups[6]!, groups[7]!];
    return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
