import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { installSecurityHeaders } from './security-headers.js';

const app = Fastify();
installSecurityHeaders(app);
app.get('/page', async () => ({ ok: true }));
afterAll(() => app.close());

describe('security headers', () => {
  it('go on every response with the web app content security policy', async () => {
    for (const url of ['/page', '/page', '/missing']) {
      const response = await app.inject({ url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-src 'self' https:");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });
});
