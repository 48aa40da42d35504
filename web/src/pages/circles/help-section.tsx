import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiItem } from '../../api/types.js';
import { useApi, useInvalidate } from '../../api/use-api.js';
import { ErrorNotice } from '../../components/status.js';
import { ShareControl } from './neighbourhood-help.js';

type Help = ApiItem<'GET /api/circles/{clientId}/help'>;
const kinds = ['shopping', 'lift', 'visit', 'chores', 'company', 'other'] as const;
const partsOfDay = ['morning', 'afternoon', 'evening'] as const;

function HelpRow({ help, clientId, manage }: { help: Help; clientId: string; manage: boolean }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [error, setError] = useState<unknown>();
  const claim = async () => {
    try {
      await post(`/api/circles/${clientId}/help/${help.id}/claim`);
    } catch (e) {
      setError(e);
    } finally {
      invalidate('GET /api/circles/{clientId}/help');
      invalidate('GET /api/circles/{clientId}/load');
    }
  };
  return (
    <li className="card">
      <p>
        <strong>{help.title}</strong>
      </p>
      <p>{t(`circles.help.posted.${help.direction}.${help.postedByRole}`, { name: help.postedBy })}</p>
      <p>{help.claimedBy ? t(`circles.help.claimedBy.${help.direction}`, { name: help.claimedBy }) : t('circles.help.open')}</p>
      {help.sharedInNeighbourhood && !manage && <p>{t('circleSharing.share.shared')}</p>}
      {help.claimable && (
        <button type="button" className="button" onClick={() => void claim()}>
          {t(`circles.help.claim.${help.direction}`, { title: help.title })}
        </button>
      )}
      {manage && <ShareControl help={help} clientId={clientId} />}
      {error !== undefined && <ErrorNotice error={error} />}
    </li>
  );
}

function HelpForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [direction, setDirection] = useState<'request' | 'offer'>('request');
  const [kind, setKind] = useState<(typeof kinds)[number]>('shopping');
  const [title, setTitle] = useState('');
  const [wantedOn, setWantedOn] = useState('');
  const [partOfDay, setPartOfDay] = useState<(typeof partsOfDay)[number] | ''>('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await post(`/api/circles/${clientId}/help`, { direction, kind, title, ...(wantedOn ? { wantedOn } : {}), ...(partOfDay ? { partOfDay } : {}) });
    setTitle('');
    invalidate('GET /api/circles/{clientId}/help');
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <fieldset className="field">
        <legend>{t('circles.help.form.direction')}</legend>
        {(['request', 'offer'] as const).map((d) => (
          <label key={d}>
            <input type="radio" name="help-direction" value={d} checked={direction === d} onChange={() => setDirection(d)} /> {t(`circles.help.form.${d}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('circles.help.form.kind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as (typeof kinds)[number])}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`circles.help.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('circles.help.form.title')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} autoComplete="off" />
      </label>
      <label className="field">
        <span>{t('circleSharing.form.wantedOn')}</span>
        <input type="date" value={wantedOn} onChange={(e) => setWantedOn(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('circleSharing.form.partOfDay')}</span>
        <select value={partOfDay} onChange={(e) => setPartOfDay(e.target.value as (typeof partsOfDay)[number] | '')}>
          <option value="">{t('circleSharing.partOfDay.any')}</option>
          {partsOfDay.map((p) => (
            <option key={p} value={p}>
              {t(`circleSharing.partOfDay.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--block">
        {t('circles.help.form.send')}
      </button>
    </form>
  );
}

/** When one informal caregiver gives most of the help: say so kindly and point to a break. */
function LoadSignal({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const load = useApi('GET /api/circles/{clientId}/load', { path: { clientId } });
  if (load.state !== 'ok' || !load.data.signal) return null;
  const s = load.data.signal;
  return (
    <div className="notice" role="status">
      <p>{t('circles.load.signal', { name: s.name, percent: Math.round(s.share * 100), days: s.windowDays })}</p>
      <p>
        <a href={s.respitePath}>{t('circles.load.respite')}</a>
      </p>
    </div>
  );
}

/** Reciprocity: requests and offers of help, for everyone who sees the circle's tasks. */
export function HelpSection({ clientId, manage }: { clientId: string; manage: boolean }) {
  const { t } = useTranslation();
  const help = useApi('GET /api/circles/{clientId}/help', { path: { clientId } });
  return (
    <section aria-labelledby="circle-help">
      <h2 id="circle-help">{t('circles.help.title')}</h2>
      <LoadSignal clientId={clientId} />
      {help.state === 'ok' && (help.data.items.length === 0 ? <p>{t('circles.help.none')}</p> : <ul className="list">{help.data.items.map((h) => <HelpRow key={h.id} help={h} clientId={clientId} manage={manage} />)}</ul>)}
      <HelpForm clientId={clientId} />
    </section>
  );
}
