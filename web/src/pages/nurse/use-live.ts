import { useEffect, useRef, useState } from 'react';

export interface LiveIncidentEvent {
  /** Null for a change of the technical queue. */
  incidentId: string | null;
  type: string;
}

/** Several changes in a burst (offer, then triage note) cost one refetch. */
const DEBOUNCE_MS = 250;
/** While the stream is down, a slow poll keeps the list from going stale. */
const POLL_WHEN_DOWN_MS = 20_000;

/**
 * Follows the night-care stream and calls `onChange` after incident events. The stream carries only
 * ids; screens fetch details through the access-checked routes. EventSource reconnects by itself; after
 * a reconnect `onChange` runs once more, because events sent while the phone was away are not replayed.
 */
export function useIncidentStream(onChange: (events: LiveIncidentEvent[]) => void): { connected: boolean } {
  const latest = useRef(onChange);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    latest.current = onChange;
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let pending: LiveIncidentEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let everOpen = false;
    const flush = () => {
      timer = undefined;
      const events = pending;
      pending = [];
      latest.current(events);
    };
    const schedule = (event?: LiveIncidentEvent) => {
      if (event) pending.push(event);
      timer ??= setTimeout(flush, DEBOUNCE_MS);
    };
    const source = new EventSource('/api/nightcare/stream');
    source.addEventListener('open', () => {
      setConnected(true);
      clearInterval(poll);
      poll = undefined;
      if (everOpen) schedule();
      everOpen = true;
    });
    source.addEventListener('error', () => {
      setConnected(false);
      poll ??= setInterval(() => schedule(), POLL_WHEN_DOWN_MS);
    });
    source.addEventListener('incident', (message: MessageEvent<string>) => {
      try {
        schedule(JSON.parse(message.data) as LiveIncidentEvent);
      } catch {
        schedule();
      }
    });
    return () => {
      source.close();
      clearTimeout(timer);
      clearInterval(poll);
    };
  }, []);
  return { connected };
}
