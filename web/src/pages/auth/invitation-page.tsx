import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';

/** The invitee sets a password with the one-time link; two-factor set-up follows at the first login. */
export function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useApi('GET /api/invitations/{token}', { path: { token } });
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();

  const accept = async (event: FormEvent) => {
    event.preventDefault();
    let email = '';
    const ok = await submit.run(async () => {
      email = (await post<{ email: string }>(`/api/invitations/${encodeURIComponent(token)}/accept`, { password })).email;
    });
    if (ok) setDone(email);
  };

  return (
    <main className="page page--narrow">
      <h1>{t('invitation.title')}</h1>
      {invitation.state === 'loading' && <p className="status">{t('invitation.loading')}</p>}
      {invitation.state === 'error' && !done && (
        <p className="notice notice--error" role="alert">
          {t('invitation.invalid')}
        </p>
      )}
      {done && (
        <div className="notice notice--ok" role="status">
          <p>{t('invitation.done', { email: done })}</p>
          <Link to="/login">{t('invitation.toLogin')}</Link>
        </div>
      )}
      {invitation.state === 'ok' && !done && (
        <>
          <p>{t('invitation.intro', { name: invitation.data.name, organisation: invitation.data.organisationName, email: invitation.data.email })}</p>
          <ErrorSummary errors={submit.errors} general={submit.general} labelFor={() => t('invitation.password')} attempt={submit.attempt} />
          <form className="card form" onSubmit={(e) => void accept(e)} noValidate>
            <TextField
              path="password"
              label={t('invitation.password')}
              hint={t('invitation.passwordHint')}
              errors={submit.errors}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" className="button button--primary" disabled={submit.busy}>
              {t('invitation.accept')}
            </button>
          </form>
        </>
      )}
    </main>
  );
}
