import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The web app's texts: `nl.json` (the shell) and each capability's `<name>.nl.json`, and the texts a
 * lazily loaded page ships with itself (`pages/<name>/texts/`). Dutch is the default; every English and
 * Danish file must have every Dutch key, no more, with the same placeholders, so the Danish alliance's
 * screens never fall back to Dutch (the server's texts: platform/i18n/locales.test.ts).
 */
const web = join(import.meta.dirname, '../../web/src');
const pages = join(web, 'pages');
const folders = [join(web, 'i18n'), ...readdirSync(pages).map((page) => join(pages, page, 'texts')).filter((folder) => existsSync(folder))];
const dutchFiles = folders.flatMap((folder) => readdirSync(folder).filter((f) => f === 'nl.json' || f.endsWith('.nl.json')).map((f) => join(folder, f)));

const entries = (value: unknown, prefix = ''): [string, string][] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, String(value)]];
const read = (file: string) => new Map(entries(JSON.parse(readFileSync(file, 'utf8'))));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** The keys of `nl` missing from `other`, those `other` has beyond it, and keys whose placeholders differ. */
function localeGaps(nl: Map<string, string>, other: Map<string, string>) {
  return {
    missing: [...nl.keys()].filter((k) => !other.has(k)),
    extra: [...other.keys()].filter((k) => !nl.has(k)),
    placeholders: [...other].filter(([k, text]) => nl.has(k) && placeholders(text).join() !== placeholders(nl.get(k) ?? '').join()).map(([k]) => k),
  };
}

describe('web app texts', () => {
  it('finds the Dutch files of the shell and of every capability', () => {
    expect(dutchFiles.map((f) => basename(f))).toContain('nl.json');
    expect(dutchFiles.map((f) => basename(f))).toContain('medcom.nl.json');
    expect(dutchFiles.length).toBeGreaterThan(5);
  });

  it('names a key missing from a translation', () => {
    const nl = new Map([['a.b', 'Hallo {{name}}'], ['a.c', 'Dag']]);
    expect(localeGaps(nl, new Map([['a.b', 'Hej {{navn}}']]))).toEqual({ missing: ['a.c'], extra: [], placeholders: ['a.b'] });
  });

  describe.each(['da', 'en'])('%s', (language) => {
    it.each(dutchFiles)('has every key of %s, with the same placeholders', (file) => {
      const translated = file.replace(/nl\.json$/, `${language}.json`);
      expect(readdirSync(dirname(file)), `${translated} is missing`).toContain(basename(translated));
      expect(localeGaps(read(file), read(translated))).toEqual({ missing: [], extra: [], placeholders: [] });
    });
  });
});
