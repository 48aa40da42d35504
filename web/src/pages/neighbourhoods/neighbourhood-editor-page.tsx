import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { del, post, put } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import { AmbitionEditor } from './ambition-editor.js';
import { NeighbourhoodFields, fieldLabels, toBody, type NeighbourhoodForm } from './neighbourhood-fields.js';
import { VolunteersSection } from './volunteers-section.js';

type Neighbourhood = ApiJson<'GET /api/neighbourhoods/{id}'>;

function DetailsForm({ n, onSaved }: { n: Neighbourhood; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<NeighbourhoodForm>({ name: n.name, slug: n.slug, municipality: n.municipality, postcodes: n.postcodes.join(', '), intro: n.intro, fictional: n.fictional });
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (await submit.run(() => put(`/api/neighbourhoods/${n.id}`, toBody(form)))) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <form onSubmit={(event) => void save(event)} noValidate aria-labelledby="nb-details">
      <h2 id="nb-details" className="section-title">
        {t('neighbourhoodAdmin.details')}
      </h2>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => fieldLabels(t)[p]} attempt={submit.attempt} />
      <NeighbourhoodFields form={form} onChange={setForm} errors={submit.errors} />
      <button type="submit" className="button" disabled={submit.busy}>
        {t('neighbourhoodAdmin.save')}
      </button>
      {saved && (
        <p className="notice notice--ok" role="status">
          {t('neighbourhoodAdmin.saved')}
        </p>
      )}
    </form>
  );
}

function Partners({ n, onChange }: { n: Neighbourhood; onChange: () => void }) {
  const { t } = useTranslation();
  const organisations = useApi('GET /api/organisations');
  const [organisationId, setOrganisationId] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = useSubmit();
  const candidates = organisations.state === 'ok' ? organisations.data.items.filter((o) => !n.partners.some((p) => p.organisationId === o.id)) : [];
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = organisationId || candidates[0]?.id || '';
    if (await submit.run(() => post(`/api/neighbourhoods/${n.id}/partners`, { organisationId: chosen }))) onChange();
  };
  const remove = async (id: string) => {
    setError(undefined);
    try {
      await del(`/api/neighbourhoods/${n.id}/partners/${id}`);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="nb-partners">
      <h2 id="nb-partners" className="section-title">
        {t('neighbourhoodAdmin.partners')}
      </h2>
      <ul className="list">
        {n.partners.map((p) => (
          <li key={p.organisationId} className="card">
            <strong>{p.name}</strong> <span className="muted">{t(`kinds.${p.kind}`, { defaultValue: p.kind })}</span>{' '}
            <button type="button" className="button button--ghost" onClick={() => void remove(p.organisationId)}>
              {t('neighbourhoodAdmin.removePartner', { name: p.name })}
            </button>
          </li>
        ))}
      </ul>
      {error !== undefined && <ErrorNotice error={error} />}
      {candidates.length > 0 && (
        <form onSubmit={(event) => void add(event)}>
          <ErrorSummary errors={submit.errors} general={submit.general} labelFor={() => t('neighbourhoodAdmin.partner')} attempt={submit.attempt} />
          <SelectField path="organisationId" label={t('neighbourhoodAdmin.partner')} errors={submit.errors} value={organisationId || candidates[0]?.id} onChange={(e) => setOrganisationId(e.target.value)}>
            {candidates.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({t(`kinds.${o.kind}`, { defaultValue: o.kind })})
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={submit.busy}>
            {t('neighbourhoodAdmin.addPartner')}
          </button>
        </form>
      )}
    </section>
  );
}

function NewAmbition({ id, onChange }: { id: string; onChange: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const submit = useSubmit('ambition');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(() => post(`/api/neighbourhoods/${id}/ambitions`, { title }))) {
      setTitle('');
      onChange();
    }
  };
  return (
    <form onSubmit={(event) => void add(event)} noValidate>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={() => t('neighbourhoodAdmin.ambitionTitle')} attempt={submit.attempt} />
      <TextField path="title" label={t('neighbourhoodAdmin.newAmbition')} errors={submit.errors} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      <button type="submit" className="button" disabled={submit.busy}>
        {t('neighbourhoodAdmin.addAmbition')}
      </button>
    </form>
  );
}

/** One partnership for the alliance administrator: what is saved here is what residents read on /wijk/:slug. */
export function NeighbourhoodEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const n = useApi('GET /api/neighbourhoods/{id}', { path: { id } });
  if (n.state === 'error') return <ErrorNotice error={n.error} />;
  if (n.state !== 'ok') return <Loading />;
  return (
    <>
      <p>
        <Link to="/admin/neighbourhoods">{t('neighbourhoodAdmin.back')}</Link>
      </p>
      <h1>{n.data.name}</h1>
      <p>
        <a href={`/wijk/${n.data.slug}`}>{t('neighbourhoodAdmin.publicPage')}</a>
      </p>
      <DetailsForm key={n.data.slug} n={n.data} onSaved={n.reload} />
      <Partners n={n.data} onChange={n.reload} />
      <section aria-labelledby="nb-ambitions">
        <h2 id="nb-ambitions" className="section-title">
          {t('neighbourhoodAdmin.ambitions')}
        </h2>
        {n.data.ambitions.map((a) => (
          <AmbitionEditor key={a.id} neighbourhoodId={n.data.id} ambition={a} partners={n.data.partners} onChange={n.reload} />
        ))}
        <NewAmbition id={n.data.id} onChange={n.reload} />
      </section>
      <VolunteersSection id={n.data.id} />
    </>
  );
}
