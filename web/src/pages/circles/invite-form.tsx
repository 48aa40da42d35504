import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { useInvalidate } from '../../api/use-api.js';
import { CheckboxField, ErrorSummary, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';

const kinds = ['family', 'neighbour', 'volunteer'] as const;
type Kind = (typeof kinds)[number];
/** The consent scopes, in the order a person thinks of them: from the least to the most personal. */
const scopes = ['circle_tasks', 'circle_messages', 'circle_contacts', 'circle_plan', 'night_summary'] as const;
type Scope = (typeof scopes)[number];

/** Sensible defaults: someone close helps and talks along; the plan and the night summary are a choice. */
const defaults: Record<Kind, Scope[]> = { family: ['circle_tasks', 'circle_messages'], neighbour: ['circle_tasks', 'circle_messages'], volunteer: ['circle_tasks'] };

/** What the invitee will and will not see, in plain words, before anything is sent. */
function Preview({ chosen, name }: { chosen: Scope[]; name: string }) {
  const { t } = useTranslation();
  const who = name.trim() || t('circleSharing.invite.someone');
  return (
    <div className="notice" aria-live="polite">
      <p>
        <strong>{t('circleSharing.invite.willSee', { name: who })}</strong>
      </p>
      {chosen.length === 0 ? <p>{t('circleSharing.invite.nothingChosen')}</p> : <ul>{chosen.map((s) => <li key={s}>{t(`circleSharing.scopes.${s}.see`)}</li>)}</ul>}
      <p>
        <strong>{t('circleSharing.invite.wontSee', { name: who })}</strong>
      </p>
      <ul>
        {scopes.filter((s) => !chosen.includes(s)).map((s) => <li key={s}>{t(`circleSharing.scopes.${s}.see`)}</li>)}
        <li>{t('circleSharing.invite.never')}</li>
      </ul>
    </div>
  );
}

/** The person or their representative invites someone and chooses, in plain words, what that person may see. */
export function InviteForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<Kind>('neighbour');
  const [chosen, setChosen] = useState<Scope[]>(defaults.neighbour);
  const [sent, setSent] = useState<string>();
  const { busy, errors, general, attempt, run } = useSubmit('invite');
  const chooseKind = (next: Kind) => {
    setKind(next);
    setChosen(defaults[next]);
  };
  const toggle = (scope: Scope, on: boolean) => setChosen((current) => (on ? scopes.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(() => post(`/api/circles/${clientId}/members`, { type: 'informal', kind, name, email, scopes: chosen }));
    if (!ok) return;
    setSent(name);
    setName('');
    setEmail('');
    invalidate('GET /api/circles/{clientId}/consents');
  };
  const labelFor = (path: string) => ({ name: t('circles.invite.name'), email: t('circles.invite.email'), scopes: t('circleSharing.invite.scopes') })[path];
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="invite-title">
      <h2 id="invite-title">{t('circles.invite.title')}</h2>
      <p>{t('circleSharing.invite.explain')}</p>
      <ErrorSummary errors={errors} general={general} labelFor={labelFor} attempt={attempt} />
      <TextField path="name" label={t('circles.invite.name')} errors={errors} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
      <TextField path="email" type="email" label={t('circles.invite.email')} errors={errors} value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
      <fieldset className="field">
        <legend>{t('circleSharing.invite.kind')}</legend>
        {kinds.map((k) => (
          <label key={k}>
            <input type="radio" name="invite-kind" value={k} checked={kind === k} onChange={() => chooseKind(k)} /> {t(`circleSharing.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('circleSharing.invite.scopes')}</legend>
        {scopes.map((s) => (
          <CheckboxField key={s} path={`scope-${s}`} label={t(`circleSharing.scopes.${s}.choose`)} checked={chosen.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
        ))}
      </fieldset>
      <Preview chosen={chosen} name={name} />
      <button type="submit" className="button button--block" disabled={busy || chosen.length === 0}>
        {t('circles.invite.send')}
      </button>
      {sent && <p role="status">{t('circles.invite.sent', { name: sent })}</p>}
    </form>
  );
}
