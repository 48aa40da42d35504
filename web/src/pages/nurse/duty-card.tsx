import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { ErrorNotice } from '../../components/status.js';
import { ActionStatus } from './action-button.js';
import { formatTime } from './format.js';
import { nurseSkills, type DutyAnswer, type DutyStarted, type NurseSkill } from './types.js';
import { useAction } from './use-action.js';
import type { ApiResult } from '../../api/use-api.js';
import { useNow } from '../../components/use-now.js';
import { usePositionReports } from './use-position.js';
import { BreakToggle } from './break-toggle.js';

function GoOnDutyForm({ onStarted }: { onStarted: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [skills, setSkills] = useState<NurseSkill[]>([]);
  const toggle = (skill: NurseSkill, on: boolean) => setSkills((current) => (on ? [...current, skill] : current.filter((s) => s !== skill)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() => post<DutyStarted>('/api/nightcare/duty', { skills }));
    if (result.ok) onStarted();
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="choice nurse-skills">
        <legend>{t('nurseApp.duty.skillsLegend')}</legend>
        {nurseSkills.map((skill) => (
          <label key={skill}>
            <input type="checkbox" name="skills" value={skill} checked={skills.includes(skill)} onChange={(e) => toggle(skill, e.target.checked)} />
            {t(`nurseApp.skills.${skill}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button--primary button--block" disabled={action.busy} aria-busy={action.busy}>
        {action.busy && <span className="spinner" aria-hidden="true" />}
        {t('nurseApp.duty.start')}
      </button>
      <ActionStatus state={action.state} />
    </form>
  );
}

/** On duty for tonight's shift, or the form to sign on with tonight's skills. */
export function DutyCard({ duty }: { duty: ApiResult<DutyAnswer> }) {
  const { t } = useTranslation();
  const current = duty.data?.duty ?? null;
  const now = useNow(60_000);
  const started = current !== null && new Date(current.startsAt).getTime() <= now && new Date(current.endsAt).getTime() > now;
  usePositionReports(started);
  // After signing on the form is replaced: focus goes to the new title, so it is not lost to <body>.
  const heading = useRef<HTMLHeadingElement>(null);
  const [signedOn, setSignedOn] = useState(false);
  useEffect(() => {
    if (signedOn && current) {
      heading.current?.focus();
      setSignedOn(false);
    }
  }, [signedOn, current]);

  if (duty.loading) return null;
  if (!duty.data) {
    return duty.error ? <ErrorNotice error={duty.error} /> : null;
  }
  return (
    <section className={`card nurse-duty${started ? ' nurse-duty--on' : ''}`} aria-labelledby="duty-title">
      <h2 id="duty-title" ref={heading} tabIndex={-1} aria-describedby={current ? 'duty-when' : undefined}>
        {t(current ? (started ? 'nurseApp.duty.onTitle' : 'nurseApp.duty.bookedTitle') : 'nurseApp.duty.offTitle')}
      </h2>
      {current ? (
        <>
          <p className="nurse-duty__when" id="duty-when">
            {started ? t('nurseApp.duty.until', { end: formatTime(current.endsAt) }) : t('nurseApp.duty.upcoming', { start: formatTime(current.startsAt), end: formatTime(current.endsAt) })}
          </p>
          {current.skills.length > 0 && (
            <ul className="chips nurse-chips" aria-label={t('nurseApp.duty.skillsLegend')}>
              {current.skills.map((skill) => (
                <li key={skill} className="chip chip--neutral">
                  {t(`nurseApp.skills.${skill}`)}
                </li>
              ))}
            </ul>
          )}
          {started && <BreakToggle breakSince={current.breakSince} onChanged={duty.reload} />}
        </>
      ) : (
        <>
          <p>{t('nurseApp.duty.offExplain')}</p>
          <GoOnDutyForm
            onStarted={() => {
              setSignedOn(true);
              duty.reload();
            }}
          />
        </>
      )}
    </section>
  );
}
