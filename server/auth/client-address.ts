import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { BlockList, isIP } from 'node:net';
import type { TrustedProxy } from '../config/env-trust-proxy.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's client, TRUST_PROXY applied; set for every /api request by `resolveClientAddress`. */
    clientAddress: string | undefined;
  }
}

/** What the client of a request is called when the socket has no address (it is counted as one). */
export const UNKNOWN_CLIENT = 'unknown';

/** An X-Forwarded-For hop as an address: a port (`192.0.2.1:80`, `[2001:db8::1]:80`) is dropped. */
export function hopAddress(hop: string): string | null {
  const text = hop.trim();
  if (isIP(text)) return text;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed && isIP(bracketed[1]!) === 6) return bracketed[1]!;
  const withPort = /^([\d.]+):\d+$/.exec(text);
  if (withPort && isIP(withPort[1]!) === 4) return withPort[1]!;
  return null;
}

/** The TRUST_PROXY list as a matcher, or null when no proxy is trusted. */
export function trustedProxies(proxies: readonly TrustedProxy[]): BlockList | null {
  if (proxies.length === 0) return null;
  const list = new BlockList();
  for (const { address, prefix, family } of proxies) list.addSubnet(address, prefix, family);
  return list;
}

const isTrusted = (trusted: BlockList, address: string) => {
  const version = isIP(address);
  return version !== 0 && trusted.check(address, version === 4 ? 'ipv4' : 'ipv6');
};

/**
 * The address of the client. X-Forwarded-For is read only when the socket peer is a trusted proxy:
 * each proxy appends the address it received the request from, so the header is walked from the
 * right past trusted hops, and the first untrusted one is the client. Whatever a client writes into
 * the header itself lies to the left of that and is never reached. A hop that is not an address was
 * not written by a trusted proxy: the walk stops at the trusted hop that received it.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList | null,
): string {
  if (!peer) return UNKNOWN_CLIENT;
  if (!trusted || !forwardedFor || !isTrusted(trusted, peer)) return peer;
  const hops = forwardedFor.split(',');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!hops[i]!.trim()) continue;
    const hop = hopAddress(hops[i]!);
    if (!hop) break;
    client = hop;
    if (!isTrusted(trusted, hop)) break;
  }
  return client;
}

/** `clientAddress` of a Hono request on the Node server, with TRUST_PROXY applied. */
export function clientAddressOf(proxies: readonly TrustedProxy[]): (c: Context) => string {
  const trusted = trustedProxies(proxies);
  return (c) => {
    let peer: string | undefined;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      // Not served by @hono/node-server (app.request in a test): no socket, no address.
    }
    return clientAddress(peer, c.req.header('x-forwarded-for'), trusted);
  };
}

/**
 * Sets `clientAddress` once per request, so that the sign-in limiter counts and the audit log records
 * the same client: behind a trusted proxy, the one X-Forwarded-For names rather than the proxy.
 */
export function resolveClientAddress(proxies: readonly TrustedProxy[]): MiddlewareHandler {
  const addressOf = clientAddressOf(proxies);
  return async (c, next) => {
    c.set('clientAddress', addressOf(c));
    await next();
  };
}
