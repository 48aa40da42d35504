import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a sync must not reach: loopback, private networks, link-local (the cloud metadata service at
 * 169.254.169.254), carrier-grade NAT, "this network", multicast and reserved ranges, for IPv4 and IPv6.
 * An administrator who could point the sync at them could make our server read its own neighbours.
 */
const blocked = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, bits, 'ipv6');

/** True for an address the sync may not connect to; an IPv4 address mapped into IPv6 is judged as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class PrivateAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} resolves to a private, loopback or link-local address`);
    this.name = 'PrivateAddressError';
  }
}

/**
 * A DNS lookup for the socket that refuses private addresses at connect time: the address checked is the
 * address connected to, so a name that resolves differently a moment later (DNS rebinding) gains nothing.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) return callback(new PrivateAddressError(hostname), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/** The same check before a request is made: a host given as an address literal is never looked up. */
export function literalRefused(hostname: string, allowPrivate: boolean): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return !allowPrivate && isIP(bare) !== 0 && isPrivateAddress(bare);
}

/** Resolves a host now, for the answer to the administrator who sets the endpoint up: which refusal, if any. */
export async function resolvesPrivate(hostname: string): Promise<boolean> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return isPrivateAddress(bare);
  const addresses = await new Promise<LookupAddress[]>((resolve) => dnsLookup(bare, { all: true }, (error, found) => resolve(error ? [] : found)));
  return addresses.some((a) => isPrivateAddress(a.address));
}
