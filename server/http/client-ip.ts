/**
 * The client's IP address for per-IP limits: the socket's peer, from @hono/node-server's `getConnInfo`.
 * Only when that peer is one of the configured trusted proxies is `X-Forwarded-For` read, right to left,
 * skipping trusted hops: the first untrusted one is the last address no client could have written.
 */
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** What `app.request()` (no socket) counts as: every in-process caller shares one address. */
export const IN_PROCESS_ADDRESS = 'in-process';

export function trustedProxies(entries: readonly string[] | undefined): BlockList | undefined {
  if (!entries || entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** Node reports IPv4 peers of a dual-stack socket as `::ffff:a.b.c.d`; count them as the IPv4 address. */
const plain = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

function isTrusted(proxies: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function clientIp(c: Context, proxies: BlockList | undefined): string {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  if (env?.incoming === undefined && env?.server?.incoming === undefined) return IN_PROCESS_ADDRESS;
  const peer = plain(getConnInfo(c).remote.address ?? IN_PROCESS_ADDRESS);
  if (!proxies || !isTrusted(proxies, peer)) return peer;
  const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map((hop) => plain(hop.trim())).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!.slice(0, 64);
    if (!isTrusted(proxies, client)) break;
  }
  return client;
}
