import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutbox } from './outbox.js';

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Calls `onBack` each time the connection returns, so screens catch up on what they missed. */
export function useOnReconnect(onBack: () => void): void {
  const latest = useRef(onBack);
  useEffect(() => {
    latest.current = onBack;
  });
  useEffect(() => {
    const back = () => latest.current();
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, []);
}

export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useOnline();
  const waiting = useOutbox();
  if (online && waiting === 0) return null;
  return (
    <div className="nurse-offline" role="status">
      {!online && (
        <>
          <strong>{t('nurseApp.offline.title')}</strong> {t('nurseApp.offline.explain')}{' '}
        </>
      )}
      {waiting > 0 && t('nurseApp.offline.waiting', { count: waiting })}
    </div>
  );
}
