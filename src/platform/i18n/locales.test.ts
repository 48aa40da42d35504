import { describe, expect, it } from 'vitest';
import da from './locales/da.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };
import { formatDate, languages, translator } from './index.js';

const entries = (value: unknown, prefix = ''): [string, string][] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, String(value)]];
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('server texts (letters, reports)', () => {
  const dutch = new Map(entries(nl));

  it.each([
    ['en', en],
    ['da', da],
  ])('has every Dutch key in %s, with the same placeholders', (_language, texts) => {
    const translated = new Map(entries(texts));
    expect([...translated.keys()].sort()).toEqual([...dutch.keys()].sort());
    for (const [key, text] of translated) expect(placeholders(text), key).toEqual(placeholders(dutch.get(key) ?? ''));
  });

  it('offers Danish documents with Danish dates', () => {
    expect(languages).toContain('da');
    expect(translator('da')('auditReport.title')).toBe('Hvem har set mine oplysninger?');
    expect(formatDate('1938-03-14', 'da')).toBe('14. marts 1938');
  });
});
