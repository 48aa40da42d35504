/** Migration 0038: the map's sums kept per zoom-12 cell × municipality × network × stage × theme × target group. */
export interface InitiativeMapCountTable {
  /** '' holds the count over any theme; likewise target_group. */
  theme: string;
  target_group: string;
  cell_x: number;
  cell_y: number;
  municipality_id: string;
  network_id: string;
  stage: string;
  n: number;
  /** numeric in the database (exact sums), read as a number. */
  sum_lon: number;
  sum_lat: number;
}

declare module '../../../platform/db/schema.js' {
  interface Database {
    initiative_map_count: InitiativeMapCountTable;
  }
}
