import { expect } from 'vitest';

export interface BoardStream {
  /** Everything the stream has sent so far (server-sent events as text). */
  text: () => string;
  close: () => void;
}

/** Opens the night board's live event stream on a server with a session cookie, and collects what it sends. */
export async function openBoardStream(base: string, cookie: string): Promise<BoardStream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/nightcare/stream`, { headers: { cookie }, signal: controller.signal });
  expect(response.status).toBe(200);
  let received = '';
  const reader = response.body!.getReader();
  void (async () => {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      received += new TextDecoder().decode(next.value);
    }
  })().catch(() => undefined);
  return { text: () => received, close: () => controller.abort() };
}
