import type { PublicInitiative } from '../schemas.js';

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * RFC 4287 Atom: newly accepted initiatives, newest first. Entry ids are tag URIs (RFC 4151) so they
 * stay the same whatever host serves the feed. `title` is the feed's title in the reader's language.
 */
export function atomFeed(items: PublicInitiative[], site: { baseUrl: string; title: string; updated: Date }): string {
  const updated = items[0]?.acceptedAt ?? site.updated.toISOString();
  const entries = items.map((i) =>
    [
      '  <entry>',
      `    <id>tag:samenzorg,2026:initiative:${i.id}</id>`,
      `    <title>${escapeXml(i.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(`${site.baseUrl}/netwerkkaart/initiatieven/${i.id}`)}"/>`,
      `    <updated>${i.acceptedAt ?? updated}</updated>`,
      `    <author><name>${escapeXml(i.network.name)}</name></author>`,
      `    <category term="${escapeXml(i.municipality.name)}"/>`,
      `    <summary>${escapeXml(i.summary)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
    '  <id>tag:samenzorg,2026:networkmap</id>',
    `  <title>${escapeXml(site.title)}</title>`,
    `  <link rel="self" href="${escapeXml(`${site.baseUrl}/api/public/networkmap/feed.atom`)}"/>`,
    `  <updated>${updated}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
