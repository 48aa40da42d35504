import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../api/client.js';

const DEVICE_KEY = 'sz-device-id';

/** A stable id for this browser, so each of a nurse's devices keeps one subscription. */
function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID().replaceAll('-', '');
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

const fromBase64Url = (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

type PushState = 'unsupported' | 'off' | 'on' | 'denied' | 'busy';

/**
 * Turns on notifications on this device, so an offer reaches the phone with the app closed. Asked by
 * a tap, never at page load: browsers refuse (and users resent) a permission prompt out of nowhere.
 */
export function PushSetup() {
  const { t } = useTranslation();
  const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  const [state, setState] = useState<PushState>(supported ? 'off' : 'unsupported');

  useEffect(() => {
    if (!supported) return;
    void navigator.serviceWorker.ready.then(async (registration) => {
      // The worker shows notifications in the nurse's language: it gets the texts from here.
      registration.active?.postMessage({
        type: 'texts',
        texts: { offer: { title: t('nurseApp.push.offerTitle'), body: t('nurseApp.push.offerBody') }, referral_answered: { title: t('nurseApp.push.answerTitle'), body: t('nurseApp.push.answerBody') } },
      });
      if (Notification.permission === 'denied') setState('denied');
      else if (await registration.pushManager.getSubscription()) setState('on');
    });
  }, [supported, t]);

  const turnOn = async () => {
    setState('busy');
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      const registration = await navigator.serviceWorker.ready;
      const { publicKey } = await get<{ publicKey: string }>('/api/push/vapid-key');
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
      await put(`/api/push/subscriptions/${deviceId()}`, subscription.toJSON());
      setState('on');
    } catch {
      setState('off');
    }
  };

  if (state === 'unsupported') return null;
  return (
    <div className="nurse-push">
      {state === 'on' ? (
        <p className="muted">{t('nurseApp.push.on')}</p>
      ) : state === 'denied' ? (
        <p className="muted">{t('nurseApp.push.denied')}</p>
      ) : (
        <button type="button" className="button button--block" onClick={() => void turnOn()} disabled={state === 'busy'} aria-busy={state === 'busy'}>
          {t('nurseApp.push.turnOn')}
        </button>
      )}
    </div>
  );
}
