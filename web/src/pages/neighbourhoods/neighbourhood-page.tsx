import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { LanguageChoice } from '../../components/language-choice.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';
import './neighbourhood.css';

type Ambition = ApiJson<'GET /api/public/neighbourhoods/{slug}'>['ambitions'][number];

/** A bar for the eye; the words beside it say the same for everyone else. */
function Progress({ value, label }: { value: number; label: string }) {
  return (
    <div className="nb-progress">
      <span className="nb-progress__bar" aria-hidden="true">
        <span style={{ width: `${value}%` }} />
      </span>
      <span>{label}</span>
    </div>
  );
}

function AmbitionSection({ ambition }: { ambition: Ambition }) {
  const { t } = useTranslation();
  return (
    <section className="card nb-ambition" aria-labelledby={`ambition-${ambition.id}`}>
      <h2 id={`ambition-${ambition.id}`}>{ambition.title}</h2>
      {ambition.description && <p>{ambition.description}</p>}
      <Progress value={ambition.progress} label={t('neighbourhoods.ambitionProgress', { percent: ambition.progress })} />
      <h3>{t('neighbourhoods.commitments')}</h3>
      {ambition.commitments.length === 0 ? (
        <p>{t('neighbourhoods.noCommitments')}</p>
      ) : (
        <ul className="nb-commitments">
          {ambition.commitments.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{c.partner}</strong>: {c.text}
              </p>
              <Progress value={c.progress} label={t('neighbourhoods.progress', { percent: c.progress })} />
              {c.note && <p>{c.note}</p>}
              {c.dueOn && <p className="nb-meta">{t('neighbourhoods.due', { date: formatDate(c.dueOn) })}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The neighbourhood partnership's public page for residents (issue 13 item 6): who works together here,
 * what they want to reach, and what each has promised and done. Plain language, no login, no client data.
 */
export function NeighbourhoodPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const page = useApi('GET /api/public/neighbourhoods/{slug}', { path: { slug } });
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="citizen__header">
        <p className="brand">{t('app.name')}</p>
        <LanguageChoice />
      </header>
      <main id="main" className="page page--narrow" tabIndex={-1}>
        {page.state === 'error' ? (
          <>
            <h1>{t('neighbourhoods.notFound')}</h1>
            <ErrorNotice error={page.error} />
          </>
        ) : page.state !== 'ok' ? (
          <Loading />
        ) : (
          <>
            <h1>{t('neighbourhoods.title', { name: page.data.name })}</h1>
            {page.data.fictional && <p className="notice">{t('neighbourhoods.fictional')}</p>}
            <p>{page.data.intro || t('neighbourhoods.introDefault', { municipality: page.data.municipality })}</p>
            <section aria-labelledby="nb-partners">
              <h2 id="nb-partners">{t('neighbourhoods.partners')}</h2>
              <ul>
                {page.data.partners.map((p) => (
                  <li key={p.organisationId}>
                    {p.name} <span className="nb-meta">({t(`kinds.${p.kind}`, { defaultValue: p.kind })})</span>
                  </li>
                ))}
              </ul>
            </section>
            <h2>{t('neighbourhoods.ambitions')}</h2>
            <p>{t('neighbourhoods.ambitionsExplain')}</p>
            {page.data.ambitions.map((a) => (
              <AmbitionSection key={a.id} ambition={a} />
            ))}
          </>
        )}
      </main>
    </>
  );
}
