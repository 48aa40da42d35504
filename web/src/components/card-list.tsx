import type { ReactNode } from 'react';
import type { ApiState } from '../api/use-api.js';
import { Empty, ErrorNotice, Loading } from './status.js';

/** A loaded list as cards: loading, error and empty states, then one card per item. */
export function CardList<T extends { id: string }>({ resource, empty, children }: { resource: ApiState<{ items: T[] }>; empty: string; children: (item: T) => ReactNode }) {
  if (resource.state === 'loading') return <Loading />;
  if (resource.state === 'error') return <ErrorNotice error={resource.error} />;
  if (resource.state !== 'ok') return null;
  if (resource.data.items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul className="stack">
      {resource.data.items.map((item) => (
        <li key={item.id} className="card">
          {children(item)}
        </li>
      ))}
    </ul>
  );
}
