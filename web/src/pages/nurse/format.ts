export { formatTime } from '../../i18n/format.js';

/** "4:07" for a countdown; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

export function mapsLinks(latitude: number, longitude: number): { google: string; geo: string } {
  const point = `${latitude},${longitude}`;
  return { google: `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(point)}`, geo: `geo:${point}?q=${point}` };
}
