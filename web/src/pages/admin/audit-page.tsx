import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { AuditEntry } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { AuditTable } from '../../components/audit-table.js';
import { SelectField, TextField } from '../../components/form.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { fieldErrorsOf } from '../../i18n/errors.js';

const FILTERS = ['clientId', 'userId', 'action', 'outcome', 'purpose', 'from', 'to', 'before'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** `datetime-local` has no zone; the API wants an instant with offset. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : '');
const toLocal = (instant: string) => {
  if (!instant) return '';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? '' : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const [draft, setDraft] = useState<Filters>({ ...current, from: toLocal(current.from), to: toLocal(current.to) });
  const result = useApi('GET /api/audit', { query: { ...current, limit: 50 } });
  const errors = result.state === 'error' ? fieldErrorsOf(t, result.error) : {};

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = { ...draft, from: toInstant(draft.from), to: toInstant(draft.to), before: '' };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  };
  const older = (entries: AuditEntry[]) => {
    const last = entries[entries.length - 1];
    if (last) setParams({ ...Object.fromEntries(params), before: String(last.id) });
  };
  const text = (key: 'clientId' | 'userId' | 'action' | 'purpose') => (
    <TextField path={key} label={t(`admin.audit.${key}`)} errors={errors} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} autoComplete="off" />
  );

  return (
    <>
      <h1>{t('admin.audit.title')}</h1>
      <form className="card form" onSubmit={apply} aria-label={t('admin.audit.filters')}>
        <details open={FILTERS.some((f) => f !== 'before' && current[f]) || undefined}>
          <summary>{t('admin.audit.filters')}</summary>
          <div className="grid-2">
            {text('clientId')}
            {text('userId')}
            {text('action')}
            {text('purpose')}
            <SelectField path="outcome" label={t('admin.audit.outcome')} errors={errors} value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
              <option value="">{t('admin.audit.any')}</option>
              <option value="allowed">{t('audit.outcomes.allowed')}</option>
              <option value="refused">{t('audit.outcomes.refused')}</option>
            </SelectField>
            <div />
            <TextField path="from" label={t('admin.audit.from')} errors={errors} type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
            <TextField path="to" label={t('admin.audit.to')} errors={errors} type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {t('admin.audit.apply')}
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setDraft(Object.fromEntries(FILTERS.map((f) => [f, ''])) as Filters);
                setParams({});
              }}
            >
              {t('admin.audit.reset')}
            </button>
          </div>
        </details>
      </form>
      <section aria-labelledby="audit-results" aria-busy={result.state === 'loading'}>
        <h2 id="audit-results" className="visually-hidden">
          {t('audit.tableLabel')}
        </h2>
        {result.state === 'loading' && <Loading />}
        {result.state === 'error' && <ErrorNotice error={result.error} />}
        {result.state === 'ok' &&
          (result.data.items.length === 0 ? (
            <Empty>{t('audit.empty')}</Empty>
          ) : (
            <>
              <AuditTable entries={result.data.items} showClient />
              <div className="form__actions pager">
                {current.before && (
                  <button type="button" className="button button--secondary" onClick={() => setParams(Object.fromEntries([...params].filter(([k]) => k !== 'before')))}>
                    {t('admin.audit.newest')}
                  </button>
                )}
                {result.data.items.length >= 50 && (
                  <button type="button" className="button button--secondary" onClick={() => older(result.data.items)}>
                    {t('admin.audit.older')}
                  </button>
                )}
              </div>
            </>
          ))}
      </section>
    </>
  );
}
