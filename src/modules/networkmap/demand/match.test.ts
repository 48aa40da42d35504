import { describe, expect, it } from 'vitest';
import { matchNeed, type Candidate } from './match.js';

const need = { municipality_id: 'm1', network_id: 'n1', theme: 'spiritual_care', target_group: 'incurably_ill' };
const initiative = (id: string, over: Partial<Candidate> = {}): Candidate => ({ id, title: id, municipality_id: 'm1', network_id: 'n1', themes: ['spiritual_care'], target_groups: ['incurably_ill'], ...over });

describe('matching a need against initiatives', () => {
  it('prefers initiatives in the municipality itself', () => {
    const result = matchNeed(need, [initiative('here'), initiative('nearby', { municipality_id: 'm2' })]);
    expect(result.level).toBe('municipality');
    expect(result.initiatives.map((i) => i.id)).toEqual(['here']);
  });

  it('falls back to the network’s region when the municipality has none', () => {
    expect(matchNeed(need, [initiative('nearby', { municipality_id: 'm2' })])).toMatchObject({ level: 'region', initiatives: [{ id: 'nearby' }] });
  });

  it('calls it a gap when theme or target group differ or the initiative is in another network', () => {
    const result = matchNeed(need, [
      initiative('other theme', { themes: ['grief'] }),
      initiative('other group', { target_groups: ['bereaved'] }),
      initiative('other network', { network_id: 'n2', municipality_id: 'm9' }),
    ]);
    expect(result).toEqual({ level: 'gap', initiatives: [] });
  });
});
