import { describe, expect, it } from 'vitest';
import { overloadedCaregiver } from './load.js';

const rule = { share: 0.6, minimum: 5 };
const member = (name: string, count: number, informal = true) => ({ member_id: `id-${name}`, name, informal, count });

describe('overloadedCaregiver', () => {
  it('names the informal caregiver who gives at least the share of all help', () => {
    expect(overloadedCaregiver([member('Marieke', 6), member('Henk', 2), member('Thuiszorg', 2, false)], rule)).toEqual({ memberId: 'id-Marieke', name: 'Marieke', share: 0.6, count: 6, total: 10 });
  });

  it('stays quiet below the share, below the minimum, and when a professional carries most', () => {
    expect(overloadedCaregiver([member('Marieke', 5), member('Henk', 5)], rule)).toBeNull();
    expect(overloadedCaregiver([member('Marieke', 4)], rule)).toBeNull();
    expect(overloadedCaregiver([member('Thuiszorg', 9, false), member('Henk', 1)], rule)).toBeNull();
  });
});
