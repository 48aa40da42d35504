import { useApi } from '../../api/use-api.js';

/** The signed-in citizen, or a 401 while nobody is: the citizen pages read only this, never the staff session. */
export const useCitizen = () => useApi('GET /api/citizen/me');

/** Only a path of this site, never another origin: where a sign-in link may send the citizen afterwards. */
export const safeNext = (next: string | null | undefined) => (next?.startsWith('/burger') && !next.startsWith('//') ? next : '/burger');
