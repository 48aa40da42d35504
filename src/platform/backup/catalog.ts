import type pg from 'pg';

/** The migration ledger is compared, not copied: the restore's own migrations write it. */
const LEDGER = 'schema_migration';

export interface TablePlan {
  readonly name: string;
  readonly columns: readonly string[];
}

/**
 * The public schema's tables with their stored (not generated) columns, parents before children, so
 * a restore can load them one by one with every foreign key checked as it goes.
 */
export async function tablesInLoadOrder(client: pg.ClientBase): Promise<TablePlan[]> {
  const columns = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> $1
      ORDER BY c.relname, a.attnum`,
    [LEDGER],
  );
  const byTable = new Map<string, string[]>();
  for (const row of columns.rows) byTable.set(row.table, [...(byTable.get(row.table) ?? []), row.column]);
  const references = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND ch.relname <> pa.relname`,
  );
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of references.rows) parents.set(child, (parents.get(child) ?? new Set()).add(parent));
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>): void => {
    if (placed.has(name) || !byTable.has(name)) return;
    if (path.has(name)) throw new Error(`Foreign keys form a cycle through ${name}: no load order exists`);
    path.add(name);
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent, path);
    path.delete(name);
    placed.add(name);
    ordered.push({ name, columns: byTable.get(name) ?? [] });
  };
  for (const name of [...byTable.keys()].sort()) visit(name, new Set());
  return ordered;
}

export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  return (await client.query<{ name: string }>(`SELECT name FROM ${LEDGER} ORDER BY name`)).rows.map((r) => r.name);
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
