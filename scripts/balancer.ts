// A small HTTP load balancer for `npm run cluster`: round robin over the instances whose /health/ready
// answers 200, checked every second. Enough to show and test two instances on one machine; a deployment
// uses its own (nginx, HAProxy, a cloud balancer) with the same health check.
import http from 'node:http';

export interface Backend {
  readonly host: string;
  readonly port: number;
}

export interface Balancer {
  readonly port: number;
  /** The backends that passed their last health check. */
  healthy(): Backend[];
  close(): Promise<void>;
}

async function ready(backend: Backend): Promise<boolean> {
  try {
    const response = await fetch(`http://${backend.host}:${backend.port}/health/ready`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export async function startBalancer(backends: readonly Backend[], options: { host: string; port: number }): Promise<Balancer> {
  let healthy: Backend[] = [];
  let next = 0;
  const check = async () => {
    const states = await Promise.all(backends.map(ready));
    healthy = backends.filter((_, i) => states[i]);
  };
  await check();
  const timer = setInterval(() => void check(), 1_000);
  const server = http.createServer((request, response) => {
    const backend = healthy[next++ % Math.max(healthy.length, 1)];
    if (!backend) {
      response.writeHead(503, { 'retry-after': '2', 'content-type': 'text/plain' }).end('No instance is ready\n');
      return;
    }
    const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = http.request(
      { host: backend.host, port: backend.port, method: request.method, path: request.url, headers: { ...request.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'http' } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    // The instance went away mid-request: the client sees 502 and retries (a stream reconnects by itself).
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' }).end('The instance went away\n');
      else response.destroy();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    healthy: () => healthy,
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
