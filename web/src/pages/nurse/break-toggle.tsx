import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { ActionStatus } from './action-button.js';
import { formatTime } from './format.js';
import { useAction } from './use-action.js';

/** The nurse on duty says when a break starts and ends; the coordinator's roster shows it. */
export function BreakToggle({ breakSince, onChanged }: { breakSince: string | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const toggle = async () => {
    const result = await action.run(() => post('/api/nightcare/break', { onBreak: breakSince === null }));
    if (result.ok) onChanged();
  };
  return (
    <div className="nurse-break">
      {breakSince && <p>{t('roster.break.on', { time: formatTime(breakSince) })}</p>}
      <button type="button" className="button button--secondary button--block" disabled={action.busy} aria-busy={action.busy} onClick={() => void toggle()}>
        {t(breakSince ? 'roster.break.end' : 'roster.break.start')}
      </button>
      <ActionStatus state={action.state} />
    </div>
  );
}
