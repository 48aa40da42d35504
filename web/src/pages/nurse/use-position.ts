import { useEffect } from 'react';
import { post } from '../../api/client.js';

const REPORT_EVERY_MS = 60_000;

/**
 * While on duty, reports the phone's position about once a minute so dispatch can pick the nearest
 * nurse. Without geolocation, or when the nurse says no, it stays silent; a failed report is not
 * retried because the next one a minute later is fresher anyway.
 */
export function usePositionReports(active: boolean): void {
  useEffect(() => {
    if (!active || !('geolocation' in navigator)) return;
    let stopped = false;
    const report = () => {
      navigator.geolocation.getCurrentPosition(
        (position) => {
          if (stopped) return;
          post('/api/nightcare/position', { latitude: position.coords.latitude, longitude: position.coords.longitude }).catch(() => undefined);
        },
        (error) => {
          if (error.code === error.PERMISSION_DENIED) stop();
        },
        { enableHighAccuracy: false, maximumAge: 30_000, timeout: 20_000 },
      );
    };
    const timer = setInterval(report, REPORT_EVERY_MS);
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    report();
    return stop;
  }, [active]);
}
