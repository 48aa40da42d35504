import { useTranslation } from 'react-i18next';
import { deadlineState } from './deadline.js';
import type { Incident } from './types.js';

/**
 * Minutes left until a nurse must be on site, amber near the deadline and red past it. Colour is never
 * the only sign: the words say "over tijd" too. Nothing once a nurse is there or the incident is closed.
 */
export function DeadlineTimer({ incident, now }: { incident: Pick<Incident, 'receivedAt' | 'deadlineAt' | 'onSiteAt' | 'closedAt'>; now: number }) {
  const { t } = useTranslation();
  if (!incident.deadlineAt || incident.onSiteAt || incident.closedAt) return null;
  const { state, minutes } = deadlineState(incident.receivedAt, incident.deadlineAt, now);
  return <span className={`nc-timer nc-timer--${state}`}>{state === 'red' ? t('nightcare.urgency.overdue', { count: minutes }) : t('nightcare.urgency.left', { count: minutes })}</span>;
}
