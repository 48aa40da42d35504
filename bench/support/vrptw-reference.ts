/**
 * The distance-only reference of bench:vrptw: the shared best-known file as it is, and the same file
 * with the rows that a checked solution file contradicts replaced (bench/reference/solomon-bks-distance-checked.json).
 */

export interface Bks {
  readonly vehicles: number;
  readonly distance: number;
}

export interface CheckedRow extends Bks {
  readonly instance: string;
  /** The shared file's row that this one replaces. */
  readonly replaces: Bks;
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  readonly why: string;
}

/** Reads a best-known CSV (`instance,vehicles,distance,source`, header first). */
export function parseBksCsv(text: string): Map<string, Bks> {
  const rows = text.split(/\r?\n/).slice(1).filter(Boolean);
  return new Map(rows.map((row) => {
    const [name, vehicles, distance] = row.split(',');
    return [name!, { vehicles: Number(vehicles), distance: Number(distance) }];
  }));
}

const isBks = (x: unknown): x is Bks => {
  const b = x as Partial<Bks> | null;
  return typeof b === 'object' && b !== null && Number.isFinite(b.vehicles) && Number.isFinite(b.distance);
};

/** Reads the checked rows; every row must name the solution file it rests on. */
export function parseCheckedRows(json: string): CheckedRow[] {
  const parsed = JSON.parse(json) as { rows?: unknown };
  if (!Array.isArray(parsed.rows)) throw new SyntaxError('checked rows: no "rows" array');
  return parsed.rows.map((raw: unknown, i) => {
    const row = raw as Partial<CheckedRow>;
    const texts = [row.instance, row.repository, row.path, row.commit, row.why];
    const complete = isBks(raw) && isBks(row.replaces) && texts.every((t) => typeof t === 'string' && t.length > 0);
    if (!complete || !/^[0-9a-f]{40}$/.test(row.commit ?? '')) {
      throw new SyntaxError(`checked rows: row ${i} lacks a field (instance, vehicles, distance, replaces, repository, path, full commit, why)`);
    }
    return row as CheckedRow;
  });
}

/**
 * The shared file with the checked rows in place of the ones they replace. Throws when a checked row
 * does not match the shared file's row: the shared file has changed since the row was checked, and a
 * corrected value must not be overridden silently.
 */
export function checkedReference(file: ReadonlyMap<string, Bks>, checked: readonly CheckedRow[]): Map<string, Bks> {
  const reference = new Map(file);
  for (const row of checked) {
    const current = file.get(row.instance);
    if (!current) throw new Error(`checked rows: ${row.instance} is not in the best-known file`);
    if (current.vehicles !== row.replaces.vehicles || current.distance !== row.replaces.distance) {
      throw new Error(`checked rows: ${row.instance} replaces ${row.replaces.vehicles} / ${row.replaces.distance}, but the best-known file now says ${current.vehicles} / ${current.distance}`);
    }
    reference.set(row.instance, { vehicles: row.vehicles, distance: row.distance });
  }
  return reference;
}
