/**
 * Where we agree to POST: the registration rules for endpoint URLs and the delivery-time address check
 * that keeps partner-supplied URLs from reaching our own network (SSRF).
 *
 * Limits, honestly: registration can only judge what the URL says. A hostname is resolved when we
 * deliver, and the worker refuses it then if it resolves to a private address; but DNS can answer
 * differently between that lookup and fetch's own (DNS rebinding), and fetch offers no hook to pin the
 * checked address. Production deployments should therefore also deny the worker's egress to private
 * ranges at the network level (firewall or egress proxy); these checks are the first line, not the only one.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including cloud metadata at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 can reach any IPv4 address, private ones included
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4 embeds an IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** Names that only ever mean a machine on our side. */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa)$/;

/**
 * True for loopback, private, link-local, CGNAT, documentation, multicast and reserved addresses.
 * BlockList judges IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) by the IPv4 rules.
 */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const family = isIP(ip);
  if (family === 4) return PRIVATE.check(ip, 'ipv4');
  return family === 6 && PRIVATE.check(ip, 'ipv6');
}

const SANDBOX_HTTP_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why `raw` may not be an endpoint URL, or null when it may. Outside the sandbox: https only, to a public
 * host (no private IP literal, no single-label or local name). The sandbox also allows anything over https
 * and plain http to this machine (`http://localhost`, `http://127.0.0.1`), so a developer can receive
 * events on a laptop.
 */
export function endpointUrlProblem(raw: string, opts: { sandbox: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL such as https://example.com/k100/webhooks';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain credentials; authenticate deliveries by their signature';
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (url.protocol === 'http:') {
    if (opts.sandbox && SANDBOX_HTTP_HOSTS.has(host)) return null;
    return opts.sandbox ? 'must use https (plain http only to localhost or 127.0.0.1 in the sandbox)' : 'must use https';
  }
  if (url.protocol !== 'https:') return 'must use https';
  if (opts.sandbox) return null;
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
    return isPrivateAddress(host) ? 'must not point to a private, loopback or link-local address' : null;
  }
  if (LOCAL_NAMES.test(host) || !host.includes('.')) return 'must be a public, fully qualified host name';
  return null;
}

export type Lookup = (hostname: string) => Promise<Array<{ address: string }>>;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Before each delivery: why `url`'s host must not be contacted (it is, or resolves to, a private address),
 * or null. A failed lookup is reported too, so the attempt is recorded as failed without a request.
 */
export async function privateTargetProblem(url: string, lookup: Lookup = systemLookup): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isPrivateAddress(host) ? `refused: ${host} is a private address` : null;
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(host);
  } catch (error) {
    return `DNS lookup of ${host} failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  const inside = addresses.find((a) => isPrivateAddress(a.address));
  return inside ? `refused: ${host} resolves to private address ${inside.address}` : null;
}
