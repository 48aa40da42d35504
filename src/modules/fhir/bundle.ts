import type { Page } from './search.js';
import type { Resource } from './resource.js';

export interface SearchAnswer {
  resources: Resource[];
  /** Whether another page follows. */
  more: boolean;
}

/**
 * A searchset Bundle with self, next and previous links. The links repeat the search's own parameters
 * with another `_offset`; no total, because counting would read (and audit) every match.
 */
export function searchBundle(base: string, type: string, query: Record<string, string | string[]>, page: Page, answer: SearchAnswer): Resource {
  const link = (offset: number) => {
    // A repeated parameter (a `_lastUpdated` range) is repeated in the link.
    const params = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => [k, one])));
    params.set('_count', String(page.count));
    params.set('_offset', String(offset));
    return `${base}/${type}?${params.toString()}`;
  };
  return {
    resourceType: 'Bundle',
    id: crypto.randomUUID(),
    type: 'searchset',
    link: [
      { relation: 'self', url: link(page.offset) },
      ...(answer.more ? [{ relation: 'next', url: link(page.offset + page.count) }] : []),
      ...(page.offset > 0 ? [{ relation: 'previous', url: link(Math.max(0, page.offset - page.count)) }] : []),
    ],
    entry: answer.resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}
