import { useEffect, useRef, useState } from 'react';
import type { Incident } from './types.js';

const MUTED_UNTIL = 'nightcare.mutedUntil';
const MUTE_MINUTES = 'nightcare.muteMinutes';
export const MUTE_CHOICES = [5, 15, 30, 60] as const;

/** A short two-tone beep through Web Audio: no sound file to load, and it plays in any browser that has audio. */
function beep(): void {
  if (typeof window.AudioContext !== 'function') return;
  const audio = new AudioContext();
  const gain = audio.createGain();
  gain.gain.value = 0.2;
  gain.connect(audio.destination);
  [880, 660].forEach((frequency, i) => {
    const tone = audio.createOscillator();
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(audio.currentTime + i * 0.25);
    tone.stop(audio.currentTime + i * 0.25 + 0.2);
    if (i === 1) tone.onended = () => void audio.close();
  });
}

function notify(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(title, { body, tag });
}

const stored = (key: string, fallback: number) => Number(localStorage.getItem(key) ?? fallback) || fallback;

/** What is new on the board since the last answer: incidents that were not there, and closed-loop alerts raised since. */
function newSignals(previous: Map<string, number> | null, incidents: Incident[]): { fresh: Incident[]; overdue: Incident[] } {
  if (!previous) return { fresh: [], overdue: [] };
  const open = incidents.filter((i) => !i.closedAt);
  return { fresh: open.filter((i) => !previous.has(i.id)), overdue: open.filter((i) => i.overdueAlerts > (previous.get(i.id) ?? 0)) };
}

export interface UrgencyAlerts {
  mutedUntil: number | null;
  muteMinutes: number;
  setMuteMinutes: (minutes: number) => void;
  mute: () => void;
  unmute: () => void;
  /** Set when a mute ran out by itself: the board says the sound is back. */
  unmutedByTimer: boolean;
}

/**
 * Sound, browser notification and tab title for the coordinator's board: a beep and a notification for
 * each new alarm and each closed-loop alert, the open count in the title. The mute lasts a chosen number
 * of minutes and then ends by itself, so a muted board at 03:00 cannot stay silent all night.
 */
export function useUrgencyAlerts(incidents: Incident[] | undefined, now: number, texts: { title: string; newAlarm: (i: Incident) => string; overdue: (i: Incident) => string }): UrgencyAlerts {
  const seen = useRef<Map<string, number> | null>(null);
  const [mutedUntil, setMutedUntil] = useState<number | null>(() => {
    const until = stored(MUTED_UNTIL, 0);
    return until > Date.now() ? until : null;
  });
  const [muteMinutes, setMinutes] = useState(() => stored(MUTE_MINUTES, 15));
  const [unmutedByTimer, setUnmutedByTimer] = useState(false);
  const muted = mutedUntil !== null && mutedUntil > now;

  useEffect(() => {
    if (mutedUntil !== null && mutedUntil <= now) {
      setMutedUntil(null);
      localStorage.removeItem(MUTED_UNTIL);
      setUnmutedByTimer(true);
    }
  }, [mutedUntil, now]);

  useEffect(() => {
    if (!incidents) return;
    const { fresh, overdue } = newSignals(seen.current, incidents);
    seen.current = new Map(incidents.map((i) => [i.id, i.overdueAlerts]));
    if (fresh.length + overdue.length === 0) return;
    if (!muted) beep();
    for (const i of fresh) notify(texts.title, texts.newAlarm(i), `new-${i.id}`);
    for (const i of overdue) notify(texts.title, texts.overdue(i), `overdue-${i.id}-${i.overdueAlerts}`);
    // Only the incidents' changes sound; the texts and the mute are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incidents]);

  const open = incidents?.filter((i) => !i.closedAt).length ?? 0;
  // Declared before the title's effect, so it keeps the title from before the board.
  useEffect(() => {
    const before = document.title;
    return () => void (document.title = before);
  }, []);
  useEffect(() => {
    document.title = open > 0 ? `(${open}) ${texts.title}` : texts.title;
  }, [open, texts.title]);

  return {
    mutedUntil: muted ? mutedUntil : null,
    muteMinutes,
    setMuteMinutes: (minutes) => {
      setMinutes(minutes);
      localStorage.setItem(MUTE_MINUTES, String(minutes));
    },
    mute: () => {
      const until = Date.now() + muteMinutes * 60_000;
      setMutedUntil(until);
      setUnmutedByTimer(false);
      localStorage.setItem(MUTED_UNTIL, String(until));
    },
    unmute: () => {
      setMutedUntil(null);
      localStorage.removeItem(MUTED_UNTIL);
    },
    unmutedByTimer,
  };
}
