import type pg from 'pg';

/** The migration ledger is compared, not copied: the restore's own migrations write it. */
const LEDGER = 'schema_migration';

export interface TablePlan {
  readonly name: string;
  readonly columns: readonly string[];
  /** A partitioned table's partitions, each with the start of its month: a restore makes them before loading. */
  readonly partitions?: readonly { readonly name: string; readonly from: string }[];
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
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1
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
  const partitions = await partitionsByParent(client);
  return ordered.map((plan) => (partitions.has(plan.name) ? { ...plan, partitions: partitions.get(plan.name) } : plan));
}

/** Every partitioned table with its partitions: the audit log and its archive by month (migration 0033). */
async function partitionsByParent(client: pg.ClientBase): Promise<Map<string, { name: string; from: string }[]>> {
  const { rows } = await client.query<{ parent: string; name: string | null; bound: string }>(
    `SELECT p.relname AS parent, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_class p JOIN pg_namespace n ON n.oid = p.relnamespace
       LEFT JOIN pg_inherits i ON i.inhparent = p.oid LEFT JOIN pg_class c ON c.oid = i.inhrelid
      WHERE n.nspname = 'public' AND p.relkind = 'p'
      ORDER BY 1, 2`,
  );
  const byParent = new Map<string, { name: string; from: string }[]>();
  for (const row of rows) {
    byParent.set(row.parent, byParent.get(row.parent) ?? []);
    if (row.name === null) continue;
    const from = /FROM \('([^']+)'\)/.exec(row.bound)?.[1];
    if (from === undefined) throw new Error(`Partition ${row.name} has a bound a backup cannot recreate: ${row.bound}`);
    byParent.set(row.parent, [...(byParent.get(row.parent) ?? []), { name: row.name, from: new Date(from).toISOString() }]);
  }
  return byParent;
}

export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  return (await client.query<{ name: string }>(`SELECT name FROM ${LEDGER} ORDER BY name`)).rows.map((r) => r.name);
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
