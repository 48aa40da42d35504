import type { RespiteDeps } from '../deps.js';
import { claimDue } from './store.js';

/** Days before the first night that the reminder (what to bring) goes out; our choice. */
export const REMINDER_DAYS = 3;
/** A stay that ended longer ago than this is not asked about any more (a late sweep, a restored backup). */
export const FEEDBACK_WITHIN_DAYS = 14;
const CAREGIVER_PAGE = '/burger/logeerzorg';

/**
 * Sends the reminder before each booked stay and asks for feedback after it. Safe on several instances:
 * each stay is claimed and marked in one statement (see store.ts), and mail goes out after that commit.
 */
export async function sendStayMails(deps: RespiteDeps): Promise<{ reminders: number; feedback: number }> {
  const now = deps.now();
  const reminders = await claimDue(deps.db, 'reminder', now, REMINDER_DAYS, FEEDBACK_WITHIN_DAYS);
  const feedback = await claimDue(deps.db, 'feedback', now, REMINDER_DAYS, FEEDBACK_WITHIN_DAYS);
  for (const stay of reminders) await deps.notify(stay.email, 'stay_reminder', { location: stay.location, from: stay.from, to: stay.to }, stay.alliance_id, CAREGIVER_PAGE);
  for (const stay of feedback) await deps.notify(stay.email, 'feedback_asked', { location: stay.location, from: stay.from, to: stay.to }, stay.alliance_id, CAREGIVER_PAGE);
  return { reminders: reminders.length, feedback: feedback.length };
}
