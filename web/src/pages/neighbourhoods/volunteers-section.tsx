import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';

/** The neighbourhood's volunteers: they see the help people chose to share here, and get a sign-in link. */
export function VolunteersSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const list = useApi('GET /api/neighbourhoods/{id}/volunteers', { path: { id } });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const submit = useSubmit('volunteer');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(() => post(`/api/neighbourhoods/${id}/volunteers`, { name, email }))) {
      setName('');
      setEmail('');
      list.reload();
    }
  };
  const remove = async (citizenId: string) => {
    await del(`/api/neighbourhoods/${id}/volunteers/${citizenId}`);
    list.reload();
  };
  const labels: Record<string, string> = { name: t('neighbourhoodAdmin.volunteerName'), email: t('neighbourhoodAdmin.volunteerEmail') };
  return (
    <section aria-labelledby="nb-volunteers">
      <h2 id="nb-volunteers" className="section-title">
        {t('neighbourhoodAdmin.volunteers')}
      </h2>
      <p>{t('neighbourhoodAdmin.volunteersExplain')}</p>
      {list.state === 'ok' && (
        <ul className="list">
          {list.data.items.map((v) => (
            <li key={v.id} className="card">
              {v.name} <span className="muted">{v.email}</span>{' '}
              <button type="button" className="button button--ghost" onClick={() => void remove(v.id)}>
                {t('neighbourhoodAdmin.removeVolunteer', { name: v.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void add(event)} noValidate>
        <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
        <TextField path="volunteer-name" label={labels.name ?? ''} errors={submit.errors} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <TextField path="volunteer-email" type="email" label={labels.email ?? ''} errors={submit.errors} value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} />
        <button type="submit" className="button" disabled={submit.busy}>
          {t('neighbourhoodAdmin.addVolunteer')}
        </button>
      </form>
    </section>
  );
}
