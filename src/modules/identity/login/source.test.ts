import { describe, expect, it } from 'vitest';
import { throttleSource } from './source.js';

describe('throttle source of a client address', () => {
  it('counts every address of one IPv6 /64 as one source, however it is written', () => {
    expect(throttleSource('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(throttleSource('2001:0db8:0001:0002::7')).toBe('2001:db8:1:2::/64');
    expect(throttleSource('2001:DB8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleSource('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleSource('2001:db8:1:3::1')).not.toBe(throttleSource('2001:db8:1:2::1'));
  });

  it('counts IPv4 per address, also when it arrives IPv4-mapped', () => {
    expect(throttleSource('192.0.2.1')).toBe('192.0.2.1');
    expect(throttleSource('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });
});
