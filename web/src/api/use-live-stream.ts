import { useEffect, useRef, useState } from 'react';

/** The server's event streams and the one event each carries besides `resync`. */
const STREAMS = {
  '/api/nightcare/stream': 'incident',
  '/api/nightcare/handovers/stream': 'handover',
} as const;
export type LiveStream = keyof typeof STREAMS;

/** Several changes in a burst (offer, then triage note) cost one refetch. */
const FOLD_MS = 250;
/** While the stream is down, a slow poll keeps screens from going stale. */
const POLL_WHEN_DOWN_MS = 20_000;

/** What the night-care stream says of a change: ids only, never client data. */
export interface LiveIncidentEvent {
  /** Null for a change of the technical queue. */
  incidentId: string | null;
  type: string;
}

export type StreamState = 'connecting' | 'open' | 'reconnecting';

/**
 * Follows a server-sent event stream. Events carry only ids; screens refetch through the
 * access-checked routes. `onChange` gets the events of a burst, or an empty list when anything may have
 * changed: after the browser reconnects, when the server says `resync` (its LISTEN connection was
 * back after a drop), and on the slow poll while the stream is down.
 */
export function useLiveStream<E = unknown>(stream: LiveStream | null, onChange: (events: E[]) => void): StreamState {
  const latest = useRef(onChange);
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    latest.current = onChange;
  });

  useEffect(() => {
    if (!stream || typeof EventSource === 'undefined') return;
    let pending: E[] = [];
    let everything = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let everOpen = false;
    const flush = () => {
      timer = undefined;
      const events = everything ? [] : pending;
      pending = [];
      everything = false;
      latest.current(events);
    };
    const schedule = (event?: E) => {
      if (event === undefined) everything = true;
      else pending.push(event);
      timer ??= setTimeout(flush, FOLD_MS);
    };
    const source = new EventSource(stream, { withCredentials: true });
    source.addEventListener('open', () => {
      setState('open');
      clearInterval(poll);
      poll = undefined;
      // Events sent while the stream was down are not replayed.
      if (everOpen) schedule();
      everOpen = true;
    });
    source.addEventListener('error', () => {
      setState('reconnecting');
      poll ??= setInterval(() => schedule(), POLL_WHEN_DOWN_MS);
    });
    source.addEventListener('resync', () => schedule());
    source.addEventListener(STREAMS[stream], (message: MessageEvent<string>) => {
      try {
        schedule(JSON.parse(message.data) as E);
      } catch {
        schedule();
      }
    });
    return () => {
      source.close();
      clearTimeout(timer);
      clearInterval(poll);
    };
  }, [stream]);
  return state;
}
