import { describe, expect, it } from 'vitest';
import { coveringGpPost, firstOverlap, postcodeDigits } from './area.js';

const areas = [
  { gpPostId: 'emmen', from: 7800, to: 7899 },
  { gpPostId: 'hoogeveen', from: 7900, to: 7999 },
  { gpPostId: 'border', from: 7890, to: 7895 },
];

describe('GP post coverage by postcode', () => {
  it('reads the four digits of a Dutch postcode with or without the space', () => {
    expect(postcodeDigits('7811 AB')).toBe(7811);
    expect(postcodeDigits('7811AB')).toBe(7811);
    expect(postcodeDigits('AB 7811')).toBeUndefined();
  });

  it('finds the post whose range holds the postcode, ends included', () => {
    expect(coveringGpPost('7811 AB', areas)).toBe('emmen');
    expect(coveringGpPost('7800 AA', areas)).toBe('emmen');
    expect(coveringGpPost('7999 ZZ', areas)).toBe('hoogeveen');
  });

  it('prefers the narrower range where two posts overlap', () => {
    expect(coveringGpPost('7891 CD', areas)).toBe('border');
  });

  it('covers nothing outside every range', () => {
    expect(coveringGpPost('9400 AA', areas)).toBeUndefined();
  });

  it('spots overlapping ranges of one post', () => {
    expect(firstOverlap([{ from: 7800, to: 7850 }, { from: 7900, to: 7950 }])).toBe(-1);
    expect(firstOverlap([{ from: 7900, to: 7950 }, { from: 7800, to: 7900 }])).toBe(0);
  });
});
