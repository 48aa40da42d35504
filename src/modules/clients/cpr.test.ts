import { describe, expect, it } from 'vitest';
import { cprBirthDate, maskCpr, normaliseCpr } from './cpr.js';

describe('CPR number', () => {
  it('reads the date of birth with the century the sequence digit gives', () => {
    expect(cprBirthDate('250947-9989')).toBe('1947-09-25');
    expect(cprBirthDate('210300-9996')).toBe('2000-03-21');
    expect(cprBirthDate('010158-5000')).toBe('1858-01-01');
    expect(cprBirthDate('010157-5000')).toBe('2057-01-01');
    expect(cprBirthDate('311299-1234')).toBe('1999-12-31');
    expect(cprBirthDate('010136-4000')).toBe('2036-01-01');
    expect(cprBirthDate('010137-4000')).toBe('1937-01-01');
  });

  it('accepts numbers that fail modulus 11, as issued since 2007', () => {
    // 1+... weights 4,3,2,7,6,5,4,3,2,1 over 0101401234 give a sum not divisible by 11.
    const digits = '0101401234'.split('').map(Number);
    const sum = digits.reduce((s, d, i) => s + d * [4, 3, 2, 7, 6, 5, 4, 3, 2, 1][i]!, 0);
    expect(sum % 11).not.toBe(0);
    expect(normaliseCpr('010140-1234')).toBe('010140-1234');
  });

  it('refuses dates that do not exist, leap days by the right century', () => {
    expect(cprBirthDate('310447-1234')).toBeUndefined();
    expect(cprBirthDate('320147-1234')).toBeUndefined();
    expect(cprBirthDate('011347-1234')).toBeUndefined();
    expect(cprBirthDate('290200-4000')).toBe('2000-02-29');
    // 1900 was not a leap year: sequence digit 0 puts 00 in the 1900s.
    expect(cprBirthDate('290200-0000')).toBeUndefined();
  });

  it('refuses other formats', () => {
    for (const wrong of ['25094-79989', '2509479-989', '250947 9989', 'abcdef-ghij', '', '250947-99890']) expect(normaliseCpr(wrong), wrong).toBeUndefined();
  });

  it('stores with the hyphen and masks the sequence in lists', () => {
    expect(normaliseCpr('2509479989')).toBe('250947-9989');
    expect(maskCpr('250947-9989')).toBe('250947-xxxx');
    expect(maskCpr(null)).toBeNull();
  });
});
