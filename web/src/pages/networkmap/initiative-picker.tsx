import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListItem } from './types.js';
import { useFetch } from './use-fetch.js';

export interface Linked {
  id: string;
  title: string;
}

/** Links a resource to initiatives on the map: search by words (the public full-text search), add, remove. */
export function InitiativePicker({ linked, onChange }: { linked: Linked[]; onChange: (linked: Linked[]) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const words = query.trim();
  const found = useFetch<{ items: ListItem[] }>(words.length >= 2 ? `/api/public/networkmap/initiatives?perPage=8&q=${encodeURIComponent(words)}` : undefined);
  const candidates = words.length >= 2 ? (found.data?.items ?? []).filter((i) => !linked.some((l) => l.id === i.id)) : [];
  return (
    <fieldset className="field">
      <legend>{t('networkmap.publish.initiatives')}</legend>
      {linked.length === 0 ? <p>{t('networkmap.publish.noInitiatives')}</p> : (
        <ul>
          {linked.map((l) => (
            <li key={l.id}>{l.title} <button type="button" className="button button--secondary" onClick={() => onChange(linked.filter((x) => x.id !== l.id))}>{t('networkmap.publish.unlink', { title: l.title })}</button></li>
          ))}
        </ul>
      )}
      <label htmlFor="publish-initiative-search">{t('networkmap.publish.searchInitiative')}</label>
      <input id="publish-initiative-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      {candidates.length > 0 && (
        <ul aria-label={t('networkmap.publish.searchResults')}>
          {candidates.map((i) => (
            <li key={i.id}>{i.title} ({i.municipality}) <button type="button" className="button button--secondary" onClick={() => onChange([...linked, { id: i.id, title: i.title }])}>{t('networkmap.publish.link', { title: i.title })}</button></li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
