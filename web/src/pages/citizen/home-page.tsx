import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { MyCircles } from '../circles/circle-page.js';
import { NeighbourhoodHelp } from '../circles/neighbourhood-help.js';
import { CitizenTotpSection } from './totp-section.js';

type CitizenMe = ApiJson<'GET /api/citizen/me'>;

/** "Mijn aanvragen": the citizen's own page; the respite and care-circle capabilities fill it. */
export function CitizenHomePage({ me }: { me: CitizenMe }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      await post('/api/citizen/sign-out');
    } finally {
      void navigate('/burger/inloggen', { replace: true });
    }
  };
  return (
    <>
      <p>{t('citizen.home.welcome', { name: me.name })}</p>
      <h1>{t('citizen.home.title')}</h1>
      <p className="status status--empty">{t('citizen.home.empty')}</p>
      <p>
        <Link to="/burger/logeerzorg">{t('respiteCaregiver.homeLink')}</Link>
      </p>
      <MyCircles />
      <NeighbourhoodHelp />
      <CitizenTotpSection enabled={me.totpEnabled} />
      <button type="button" className="button button--ghost button--block" onClick={() => void signOut()} disabled={busy}>
        {t('citizen.home.signOut')}
      </button>
    </>
  );
}
