import { get } from '../../api/client.js';

/**
 * What the nurse app keeps on the phone is encrypted with AES-GCM under a key of this login session.
 * The server derives it from the session and never stores it; the page keeps it in memory and in
 * sessionStorage (gone when the tab closes, so an offline reload in the same tab still reads its
 * cache), never in IndexedDB beside the data. After logout no request can get it again, so whatever
 * is left on the phone cannot be read.
 */
const SESSION_KEY = 'sz.device-key';

let key: Promise<CryptoKey> | null = null;

const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function loadKey(): Promise<CryptoKey> {
  let raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) {
    raw = (await get<{ key: string }>('/api/auth/device-key')).key;
    sessionStorage.setItem(SESSION_KEY, raw);
  }
  return crypto.subtle.importKey('raw', fromBase64url(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function deviceKey(): Promise<CryptoKey> {
  key ??= loadKey().catch((error: unknown) => {
    key = null;
    throw error;
  });
  return key;
}

/** Loads the key while online, so what is written offline later can be sealed. */
export const prepareDeviceKey = async (): Promise<void> => {
  await deviceKey();
};

/** Sealed JSON as IndexedDB stores it: a fresh 96-bit IV per value and the ciphertext with its tag. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export async function seal(value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await deviceKey(), new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

export async function unseal<T>(sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await deviceKey(), sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

/** At logout: the key leaves the page with the session. */
export function forgetDeviceKey(): void {
  key = null;
  sessionStorage.removeItem(SESSION_KEY);
}
