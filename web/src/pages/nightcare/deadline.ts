/** How an open incident stands against its urgency's deadline: ok, amber (the last third, at most 5 min), red (passed). */
export type DeadlineState = 'ok' | 'amber' | 'red';

export function deadlineState(receivedAt: string, deadlineAt: string, now: number): { state: DeadlineState; minutes: number } {
  const deadline = new Date(deadlineAt).getTime();
  const left = deadline - now;
  if (left <= 0) return { state: 'red', minutes: Math.floor(-left / 60_000) };
  const norm = deadline - new Date(receivedAt).getTime();
  const amberFrom = Math.min(norm / 3, 5 * 60_000);
  return { state: left <= amberFrom ? 'amber' : 'ok', minutes: Math.ceil(left / 60_000) };
}
