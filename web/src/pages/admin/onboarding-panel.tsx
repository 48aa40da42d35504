import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';

const CHECKLIST = ['agreement', 'administrator', 'clientImport', 'letters', 'nightTeamMembers'] as const;

/** One organisation's onboarding: its checklist, derived from its data, and the invitation of its first administrator. */
export function OnboardingPanel({ organisationId, organisationName }: { organisationId: string; organisationName: string }) {
  const { t } = useTranslation();
  const checklist = useApi('GET /api/organisations/{id}/checklist', { path: { id: organisationId } });
  const [form, setForm] = useState({ email: '', name: '' });
  const [link, setLink] = useState<string | null>(null);
  const submit = useSubmit();

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    let path = '';
    const ok = await submit.run(async () => {
      path = (await post<{ link: string }>(`/api/organisations/${organisationId}/invitations`, form)).link;
    });
    if (ok) {
      setLink(`${window.location.origin}${path}`);
      setForm({ email: '', name: '' });
      checklist.reload();
    }
  };
  const labels: Record<string, string> = { email: t('onboarding.email'), name: t('onboarding.name') };

  return (
    <section className="onboarding" aria-label={t('onboarding.title', { name: organisationName })}>
      <h3>{t('onboarding.title', { name: organisationName })}</h3>
      {checklist.state === 'ok' && (
        <ul className="checklist">
          {CHECKLIST.map((item) => (
            <li key={item} data-done={checklist.data.items[item]}>
              <span aria-hidden="true">{checklist.data.items[item] ? '✓' : '○'}</span> {t(`onboarding.items.${item}`)}:{' '}
              <strong>{checklist.data.items[item] ? t('onboarding.done') : item === 'administrator' && checklist.data.items.invitationPending ? t('onboarding.invited') : t('onboarding.open')}</strong>
            </li>
          ))}
        </ul>
      )}
      {link && (
        <div className="notice notice--ok" role="status">
          <p>{t('onboarding.linkIntro')}</p>
          <p>
            <code className="invitation-link">{link}</code>
          </p>
        </div>
      )}
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      <form className="form" onSubmit={(e) => void invite(e)} noValidate>
        <TextField path="name" label={labels.name ?? ''} errors={submit.errors} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <TextField path="email" label={labels.email ?? ''} errors={submit.errors} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <button type="submit" className="button button--secondary" disabled={submit.busy}>
          {t('onboarding.invite')}
        </button>
      </form>
    </section>
  );
}
