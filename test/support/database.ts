import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withCredentials } from '../../src/platform/db/index.js';

/**
 * A fresh database cloned from the migrated template: each test file gets its own. `url` connects as
 * the owner (fixtures, tampering), `appUrl` as the app's role, which owns nothing.
 */
export async function createTestDatabase(): Promise<{ url: string; appUrl: string; drop: () => Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  const template = inject('templateDatabase');
  const name = `sz_test_${template.replace('sz_template_', '')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { user, password } = inject('appLogin');
  return {
    url: url.toString(),
    appUrl: withCredentials(url.toString(), user, password),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
