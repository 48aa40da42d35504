import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../../api/client.js';
import type { ApiItem } from '../../api/types.js';
import { useApi, useInvalidate } from '../../api/use-api.js';
import { CheckboxField } from '../../components/form.js';
import { ErrorNotice } from '../../components/status.js';
import { formatDate } from '../../i18n/format.js';

type Help = ApiItem<'GET /api/circles/{clientId}/help'>;
type Claim = ApiItem<'GET /api/circles/{clientId}/help-claims'>;
type Shared = ApiItem<'GET /api/citizen/neighbourhood-help'>;

/**
 * For whoever runs the circle: show an open request or offer in the neighbourhood too, choosing what
 * neighbours see. By default only "a neighbour", the postcode area, the kind and the day.
 */
export function ShareControl({ help, clientId }: { help: Help; clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [showFirstName, setShowFirstName] = useState(false);
  const [showTitle, setShowTitle] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | null>();
  const share = async (on: boolean) => {
    setError(undefined);
    try {
      const result = await put<{ neighbourhood: string | null }>(`/api/circles/${clientId}/help/${help.id}/neighbourhood`, { share: on, showFirstName, showTitle });
      setDone(result.neighbourhood);
      invalidate('GET /api/circles/{clientId}/help');
    } catch (e) {
      setError(e);
    }
  };
  if (help.status !== 'open') return null;
  return (
    <div>
      {help.sharedInNeighbourhood ? (
        <>
          <p>{done ? t('circleSharing.share.sharedIn', { neighbourhood: done }) : t('circleSharing.share.shared')}</p>
          <button type="button" className="button button--ghost" onClick={() => void share(false)}>
            {t('circleSharing.share.stop')}
          </button>
        </>
      ) : (
        <details>
          <summary>{t('circleSharing.share.open')}</summary>
          <p>{t('circleSharing.share.explain')}</p>
          <CheckboxField path={`share-name-${help.id}`} label={t('circleSharing.share.firstName')} checked={showFirstName} onChange={(e) => setShowFirstName(e.target.checked)} />
          <CheckboxField path={`share-title-${help.id}`} label={t('circleSharing.share.title', { title: help.title })} checked={showTitle} onChange={(e) => setShowTitle(e.target.checked)} />
          <button type="button" className="button" onClick={() => void share(true)}>
            {t('circleSharing.share.send')}
          </button>
        </details>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
}

function ClaimRow({ claim, clientId }: { claim: Claim; clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [error, setError] = useState<unknown>();
  const decide = async (to: 'accept' | 'decline') => {
    try {
      await post(`/api/circles/${clientId}/help-claims/${claim.id}/${to}`);
    } catch (e) {
      setError(e);
    } finally {
      for (const route of ['GET /api/circles/{clientId}/help-claims', 'GET /api/circles/{clientId}/help', 'GET /api/circles/{clientId}/consents'] as const) invalidate(route);
    }
  };
  return (
    <li className="card">
      <p>{t('circleSharing.claims.line', { name: claim.name, title: claim.helpTitle })}</p>
      {claim.status === 'pending' ? (
        <>
          <p>{t('circleSharing.claims.acceptExplain', { name: claim.name })}</p>
          <button type="button" className="button" onClick={() => void decide('accept')}>
            {t('circleSharing.claims.accept', { name: claim.name })}
          </button>{' '}
          <button type="button" className="button button--ghost" onClick={() => void decide('decline')}>
            {t('circleSharing.claims.decline', { name: claim.name })}
          </button>
        </>
      ) : (
        <p>{t(`circleSharing.claims.${claim.status}`)}</p>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </li>
  );
}

/** Neighbours who offered to help: they see nothing of the circle until the person says yes. */
export function NeighbourClaims({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const claims = useApi('GET /api/circles/{clientId}/help-claims', { path: { clientId } });
  if (claims.state !== 'ok' || claims.data.items.length === 0) return null;
  return (
    <section aria-labelledby="neighbour-claims">
      <h2 id="neighbour-claims">{t('circleSharing.claims.title')}</h2>
      <ul className="list">{claims.data.items.map((c) => <ClaimRow key={c.id} claim={c} clientId={clientId} />)}</ul>
    </section>
  );
}

function SharedRow({ help }: { help: Shared }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [error, setError] = useState<unknown>();
  const offer = async () => {
    try {
      await post(`/api/citizen/neighbourhood-help/${help.id}/claim`);
    } catch (e) {
      setError(e);
    } finally {
      invalidate('GET /api/citizen/neighbourhood-help');
    }
  };
  const who = help.shownAs ?? t('circleSharing.neighbourhood.aNeighbour');
  const what = help.title ?? t(`circles.help.kinds.${help.kind}`);
  return (
    <li className="card">
      <p>
        <strong>{t(`circleSharing.neighbourhood.${help.direction}`, { who, what })}</strong>
      </p>
      <p>{t('circleSharing.neighbourhood.where', { area: help.postcodeArea, neighbourhood: help.neighbourhood })}</p>
      {help.wantedOn && <p>{t('circleSharing.neighbourhood.when', { date: formatDate(help.wantedOn), part: help.partOfDay ? t(`circleSharing.partOfDay.${help.partOfDay}`) : '' })}</p>}
      {help.myClaim ? (
        <p role="status">{t(`circleSharing.neighbourhood.myClaim.${help.myClaim}`, { who })}</p>
      ) : (
        <button type="button" className="button" onClick={() => void offer()}>
          {t(`circleSharing.neighbourhood.offerButton.${help.direction}`, { what })}
        </button>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </li>
  );
}

/** Help shared in the citizen's neighbourhood, by people outside their own circles. */
export function NeighbourhoodHelp() {
  const { t } = useTranslation();
  const shared = useApi('GET /api/citizen/neighbourhood-help');
  if (shared.state !== 'ok' || shared.data.items.length === 0) return null;
  return (
    <section aria-labelledby="neighbourhood-help">
      <h2 id="neighbourhood-help">{t('circleSharing.neighbourhood.title')}</h2>
      <p>{t('circleSharing.neighbourhood.explain')}</p>
      <ul className="list">{shared.data.items.map((h) => <SharedRow key={h.id} help={h} />)}</ul>
    </section>
  );
}
