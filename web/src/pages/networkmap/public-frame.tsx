import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import './networkmap.css';

/** The public pages' frame: a skip link, the map's own navigation, one h1 and a main landmark. */
export function PublicFrame({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">{t('networkmap.skip')}</a>
      <header className="networkmap-header">
        <nav aria-label={t('networkmap.navLabel')}>
          <ul className="networkmap-nav">
            <li><Link to="/netwerkkaart">{t('networkmap.nav.list')}</Link></li>
            <li><Link to="/netwerkkaart/aanmelden">{t('networkmap.nav.call')}</Link></li>
            <li><Link to="/netwerkkaart/behoeften">{t('networkmap.nav.needs')}</Link></li>
            <li><Link to="/netwerkkaart/hulpmiddelen">{t('networkmap.nav.resources')}</Link></li>
          </ul>
        </nav>
      </header>
      <main className={`page ${wide ? '' : 'page--narrow'} networkmap`} id="main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
