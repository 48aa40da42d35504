import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { LanguageChoice } from '../../components/language-choice.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useCitizen } from './citizen-session.js';
import { CirclePage } from '../circles/circle-page.js';
import { ConfirmPage } from './confirm-page.js';
import { CitizenHomePage } from './home-page.js';
import { SignInPage } from './sign-in-page.js';
import { RespiteCaregiverPage } from '../respite/caregiver-page.js';

/** The landing page for a signed-in citizen; everyone else goes to the sign-in page. */
function Home() {
  const me = useCitizen();
  if (me.loading) return <Loading />;
  if (me.state === 'error') return me.error.status === 401 ? <Navigate to="/burger/inloggen" replace /> : <ErrorNotice error={me.error} />;
  if (me.state !== 'ok') return <Loading />;
  return <CitizenHomePage me={me.data} />;
}

/** A citizen page for the signed-in only; anyone else is sent to sign in first. */
function SignedIn({ page }: { page: ReactElement }) {
  const me = useCitizen();
  if (me.loading) return <Loading />;
  if (me.state === 'error') return me.error.status === 401 ? <Navigate to="/burger/inloggen" replace /> : <ErrorNotice error={me.error} />;
  return me.state === 'ok' ? page : <Loading />;
}

/**
 * The web app for clients and informal caregivers (not staff): mobile first, plain Dutch (B1), its own
 * session. Other capabilities add their pages under /burger (respite requests, care circles).
 */
export function CitizenApp() {
  const { t } = useTranslation();
  return (
    <div className="citizen">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="citizen__header">
        <p className="brand">{t('app.name')}</p>
        <LanguageChoice />
      </header>
      <main id="main" className="page page--narrow citizen__main">
        <Routes>
          <Route index element={<Home />} />
          <Route path="inloggen" element={<SignInPage />} />
          <Route path="inloggen/bevestigen" element={<ConfirmPage />} />
          <Route path="logeerzorg" element={<SignedIn page={<RespiteCaregiverPage />} />} />
          <Route path="kring/:clientId" element={<CirclePage />} />
          <Route path="*" element={<Navigate to="/burger" replace />} />
        </Routes>
      </main>
    </div>
  );
}
