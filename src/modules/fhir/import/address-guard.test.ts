import { describe, expect, it } from 'vitest';
import { isPrivateAddress, literalRefused } from './address-guard.js';

describe('the import address guard', () => {
  it('refuses loopback, private, link-local, CGNAT and mapped addresses, for IPv4 and IPv6', () => {
    for (const address of ['127.0.0.1', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it('lets public addresses through', () => {
    for (const address of ['145.97.39.155', '8.8.8.8', '172.32.0.1', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('judges address literals in a URL without DNS, bracketed IPv6 too, unless private addresses are allowed', () => {
    expect(literalRefused('127.0.0.1', false)).toBe(true);
    expect(literalRefused('[::1]', false)).toBe(true);
    expect(literalRefused('127.0.0.1', true)).toBe(false);
    expect(literalRefused('ecd.example.nl', false)).toBe(false);
  });
});
