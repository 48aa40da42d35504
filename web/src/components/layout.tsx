import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate } from 'react-router-dom';
import { post } from '../api/client.js';
import { changeLanguage, languages, type Language } from '../i18n/index.js';
import { visibleNavItems } from '../navigation.js';
import { ThemeChoice } from './theme-choice.js';
import { activeRoles, useMe, useSession } from '../session/session.js';
import { ErrorNotice } from './status.js';

function OrganisationSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const [error, setError] = useState<unknown>(null);
  if (me.memberships.length < 2) {
    const only = me.memberships[0];
    return only ? <p className="account__org">{only.organisationName}</p> : null;
  }
  const choose = async (organisationId: string) => {
    try {
      await post('/api/auth/organisation', { organisationId });
      // A full reload drops every page state that belonged to the previous organisation.
      window.location.assign('/');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="account__field">
      <label htmlFor="organisation-switch">{t('layout.organisation')}</label>
      <select id="organisation-switch" value={me.activeOrganisationId} onChange={(e) => void choose(e.target.value)}>
        {me.memberships.map((m) => (
          <option key={m.organisationId} value={m.organisationId}>
            {m.organisationName}
          </option>
        ))}
      </select>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}

/**
 * The alliance the session acts in, for an organisation in several (the respite pilot's care provider is
 * in the night alliance too). Until one is chosen, pages that need it say so (ALLIANCE_NOT_CHOSEN).
 */
function AllianceSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const [error, setError] = useState<unknown>(null);
  if (me.alliances.length < 2) return null;
  const choose = async (allianceId: string) => {
    try {
      await post('/api/auth/alliance', { allianceId });
      // As for the organisation: a full reload drops every page state of the previous alliance.
      window.location.assign('/');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="account__field">
      <label htmlFor="alliance-switch">{t('layout.alliance')}</label>
      <select id="alliance-switch" value={me.activeAllianceId ?? ''} onChange={(e) => void choose(e.target.value)}>
        {me.activeAllianceId === null && (
          <option value="" disabled>
            {t('layout.chooseAlliance')}
          </option>
        )}
        {me.alliances.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="account__field">
      <label htmlFor="language-switch">{t('layout.language')}</label>
      <select id="language-switch" value={i18n.language} onChange={(e) => changeLanguage(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const roles = activeRoles(me);
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.kind;
  const items = visibleNavItems(roles, kind, me);

  useEffect(() => setMenuOpen(false), [location.pathname]);

  const signOut = (everywhere: boolean) => {
    void logout(everywhere).then(() => navigate('/login'));
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__row">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          <button type="button" className="button button--ghost topbar__menu" aria-expanded={menuOpen} aria-controls="menu-panel" onClick={() => setMenuOpen((o) => !o)}>
            {t('layout.menu')}
          </button>
        </div>
        <div id="menu-panel" className={`topbar__panel${menuOpen ? ' is-open' : ''}`}>
          <nav aria-label={t('layout.mainNav')}>
            <ul className="nav">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            <p className="account__name">{me.user.name}</p>
            <OrganisationSwitcher />
            <AllianceSwitcher />
            <LanguageSwitch />
            <ThemeChoice />
            <div className="account__actions">
              <button type="button" className="button button--secondary" onClick={() => signOut(false)}>
                {t('layout.logout')}
              </button>
              <button type="button" className="button button--ghost" onClick={() => signOut(true)}>
                {t('layout.logoutEverywhere')}
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
