import { describe, expect, it } from 'vitest';
import { formatTimestamp, isWithinWindow, parseTimestamp } from './timestamp.js';

const now = new Date(Date.UTC(2025, 0, 1, 0, 0, 10));
const at = (offsetSeconds: number): Date => new Date(now.getTime() + offsetSeconds * 1000);

describe('DC-09 timestamps', () => {
  it('formats and parses HH:MM:SS,MM-DD-YYYY in UTC', () => {
    const t = new Date(Date.UTC(2019, 8, 25, 14, 12, 4));
    expect(formatTimestamp(t)).toBe('14:12:04,09-25-2019');
    const parsed = parseTimestamp('14:12:04,09-25-2019');
    expect(parsed.ok && parsed.value.getTime()).toBe(t.getTime());
  });

  it.each(['24:00:00,01-01-2020', '12:00:00,02-30-2020', '12:00:00,13-01-2020', '12:00,01-01-2020', '14:12:04,09-25-201'])(
    'refuses %j with a typed error',
    (text) => {
      const parsed = parseTimestamp(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe('body');
    },
  );

  it('accepts up to 20 s ahead and 40 s behind, edges included (DC-09 §5.5.1.8)', () => {
    expect(isWithinWindow(at(20), now)).toBe(true);
    expect(isWithinWindow(at(21), now)).toBe(false);
    expect(isWithinWindow(at(-40), now)).toBe(true);
    expect(isWithinWindow(at(-41), now)).toBe(false);
    expect(isWithinWindow(at(0), now)).toBe(true);
  });

  it('handles a window across midnight and the year end', () => {
    const sent = new Date(Date.UTC(2024, 11, 31, 23, 59, 50));
    expect(formatTimestamp(sent)).toBe('23:59:50,12-31-2024');
    expect(isWithinWindow(sent, now)).toBe(true); // 20 s behind
  });
});
