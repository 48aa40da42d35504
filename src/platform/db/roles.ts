import pg from 'pg';

/** The group role migration 0008 grants the app's rights to; the app logs in as a member of it. */
export const APP_GROUP_ROLE = 'samenzorg_app';

export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Makes `user` a login role in the app's group (created by the migrations), with this password. Run
 * as a role that may create roles (the embedded server's superuser, the test setup's administrator).
 */
export async function ensureAppLogin(adminUrl: string, user: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const name = client.escapeIdentifier(user);
    const secret = client.escapeLiteral(password);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
    await client.query(exists.rowCount ? `ALTER ROLE ${name} LOGIN NOSUPERUSER PASSWORD ${secret}` : `CREATE ROLE ${name} LOGIN PASSWORD ${secret}`);
    await client.query(`GRANT ${APP_GROUP_ROLE} TO ${name}`);
  } finally {
    await client.end();
  }
}

/** Why the role of `appUrl` is more than the app should be: a superuser, or the owner of tables, can switch off the audit log's protection. */
export async function appRoleWarnings(appUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; superuser: boolean; owned: number }>(
      `SELECT current_user AS role, r.rolsuper AS superuser,
         (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const row = rows[0];
    if (!row) return [];
    const advice = `run the app as a member of ${APP_GROUP_ROLE} (DATABASE_URL) and migrations as the owner (DATABASE_OWNER_URL); see the README`;
    if (row.superuser) return [`The app's database role ${row.role} is a superuser: it could switch off the audit log's append-only protection; ${advice}.`];
    if (row.owned > 0) return [`The app's database role ${row.role} owns ${row.owned} tables: it could alter the audit log; ${advice}.`];
    return [];
  } finally {
    await client.end();
  }
}
