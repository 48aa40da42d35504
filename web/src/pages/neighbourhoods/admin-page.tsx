import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { CardList } from '../../components/card-list.js';
import { ErrorSummary } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';
import { NeighbourhoodFields, emptyNeighbourhood, fieldLabels, toBody, type NeighbourhoodForm } from './neighbourhood-fields.js';

/** The alliance administrator's list of neighbourhood partnerships, and a new one. */
export function NeighbourhoodsAdminPage() {
  const { t } = useTranslation();
  const list = useApi('GET /api/neighbourhoods');
  const [form, setForm] = useState<NeighbourhoodForm>(emptyNeighbourhood);
  const [created, setCreated] = useState<string>();
  const submit = useSubmit();
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(async () => {
      await post('/api/neighbourhoods', toBody(form));
    });
    if (ok) {
      setCreated(form.name);
      setForm(emptyNeighbourhood);
      list.reload();
    }
  };
  return (
    <>
      <h1>{t('neighbourhoodAdmin.title')}</h1>
      <CardList resource={list} empty={t('neighbourhoodAdmin.empty')}>
        {(n) => (
          <>
            <strong>
              <Link to={`/admin/neighbourhoods/${n.id}`}>{n.name}</Link>
            </strong>
            <p className="muted">
              {n.municipality} · <a href={`/wijk/${n.slug}`}>/wijk/{n.slug}</a>
            </p>
          </>
        )}
      </CardList>
      <h2 className="section-title">{t('neighbourhoodAdmin.create')}</h2>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => fieldLabels(t)[p]} attempt={submit.attempt} />
      {created && (
        <p className="notice notice--ok" role="status">
          {t('admin.created', { name: created })}
        </p>
      )}
      <form onSubmit={(event) => void create(event)} noValidate>
        <NeighbourhoodFields form={form} onChange={setForm} errors={submit.errors} />
        <button type="submit" className="button" disabled={submit.busy}>
          {t('neighbourhoodAdmin.createButton')}
        </button>
      </form>
    </>
  );
}
