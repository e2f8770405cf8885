import { isIP } from 'node:net';
import { z } from 'zod';
import { envCsv } from '../../shared/schemas/env-csv.ts';

/** A proxy address, or a network of them (`10.0.0.0/8`, `fd00::/8`). */
export interface TrustedProxy {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

function parseProxy(entry: string): TrustedProxy | null {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  // A zone id (`fe80::1%eth0`) names an interface of this host, not a network.
  if (version === 0 || address.includes('%')) return null;
  const max = version === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** `TRUST_PROXY`: a comma list of proxy addresses and CIDRs, IPv4 or IPv6; empty trusts none. */
export const envTrustProxy = envCsv.pipe(
  z.array(
    z.string().transform((entry, ctx) => {
      const proxy = parseProxy(entry);
      if (!proxy) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not an IP address or CIDR (e.g. 10.0.0.1, 10.0.0.0/8, fd00::/8)`,
        });
        return z.NEVER;
      }
      return proxy;
    }),
  ),
);
