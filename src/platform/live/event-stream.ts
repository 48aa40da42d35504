import type { FastifyReply, FastifyRequest } from 'fastify';
import { RESYNC_EVENT } from './channel-hub.js';

export interface EventStreamOptions {
  /** How long the browser waits before it reconnects (the SSE `retry` field). */
  retryMs: number;
  /** Starts the stream's events; returns how to stop them when the browser goes. */
  subscribe: (send: (event: string, data: unknown) => void) => () => void;
  /** Tells the stream when events may have been missed; returns how to stop listening. */
  onResync: (listener: () => void) => () => void;
}

/**
 * Turns the request into a server-sent-events stream. After the LISTEN connection came back, events
 * may have been lost: a `resync` event tells the screen to refetch. A comment every 25 s keeps proxies
 * from closing an idle stream.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions): void {
  void reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  reply.raw.write(`retry: ${options.retryMs}\n\n`);
  const unsubscribe = options.subscribe((event, data) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  const stopResync = options.onResync(() => reply.raw.write(RESYNC_EVENT));
  const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
  request.raw.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
    stopResync();
  });
}
