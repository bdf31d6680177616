import type { FocusMetric } from './focus.js';

/** Where a cell's cost went: a named service, the shared pool, or nowhere (unallocated). */
export type CellTarget = 'service' | 'shared' | 'unallocated';

/**
 * One cell of the cost cube: the exact total of every row with the same currency, target,
 * UTC day, ServiceCategory, ChargeCategory and ServiceName. Everything the summaries, forecasts
 * and anomalies need is derived from cells, so both engines only have to produce the cube.
 */
export interface CubeCell {
  readonly currency: string;
  readonly target: CellTarget;
  /** The service (lower case) for `service` cells, else null. */
  readonly service: string | null;
  /** UTC day of ChargePeriodStart, YYYY-MM-DD. */
  readonly day: string;
  /** '' when the column is absent or null. */
  readonly serviceCategory: string;
  readonly chargeCategory: string;
  readonly serviceName: string;
  /** Exact sum in pico-units (10^-12 of the currency). */
  readonly amount: bigint;
  readonly rows: number;
}

/** A located problem with one row: 1-based data row (the header is row 0) and the file line it starts on. */
export interface RowIssue {
  readonly row: number;
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

/** What reading the rows found besides the totals: never silent about what it left out. */
export interface CubeStats {
  /** Data rows read. */
  readonly rows: number;
  /** Rows left out (bad rows with `onBadRow: skip`). */
  readonly skippedRows: number;
  /** Rows whose cost cell was null or empty (counted as 0). */
  readonly nullAmounts: number;
  /** Cost cells with more than 12 decimals (rounded half away from zero). */
  readonly roundedAmounts: number;
  /** The first problems found (at most {@link MAX_KEPT_ISSUES}); `issueCount` counts them all. */
  readonly issues: readonly RowIssue[];
  readonly issueCount: number;
}

/** The result of aggregating billing rows. */
export interface CostCube {
  readonly metric: FocusMetric;
  /** Cells in a canonical order (sorted by key), so equal inputs give equal cubes. */
  readonly cells: readonly CubeCell[];
  readonly stats: CubeStats;
}

/** Problems kept in full; the rest are only counted. */
export const MAX_KEPT_ISSUES = 50;

/** The grouping key of a cell. */
export function cellKey(c: Omit<CubeCell, 'amount' | 'rows'>): string {
  return [c.currency, c.target, c.service ?? '', c.day, c.serviceCategory, c.chargeCategory, c.serviceName].join(
    '\u0001',
  );
}

/** Cells sorted by key: the canonical order. */
export function sortCells(cells: Iterable<CubeCell>): CubeCell[] {
  return [...cells]
    .map((c) => [cellKey(c), c] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, c]) => c);
}

/** Merges cubes of several files (same metric) into one: sums cells with equal keys, adds stats. */
export function mergeCubes(cubes: readonly CostCube[]): CostCube {
  const first = cubes[0];
  if (first === undefined) throw new Error('mergeCubes needs at least one cube');
  const byKey = new Map<string, CubeCell>();
  let rows = 0;
  let skippedRows = 0;
  let nullAmounts = 0;
  let roundedAmounts = 0;
  let issueCount = 0;
  const issues: RowIssue[] = [];
  for (const cube of cubes) {
    for (const cell of cube.cells) {
      const key = cellKey(cell);
      const prior = byKey.get(key);
      byKey.set(
        key,
        prior === undefined ? cell : { ...prior, amount: prior.amount + cell.amount, rows: prior.rows + cell.rows },
      );
    }
    rows += cube.stats.rows;
    skippedRows += cube.stats.skippedRows;
    nullAmounts += cube.stats.nullAmounts;
    roundedAmounts += cube.stats.roundedAmounts;
    issueCount += cube.stats.issueCount;
    for (const issue of cube.stats.issues) if (issues.length < MAX_KEPT_ISSUES) issues.push(issue);
  }
  return {
    metric: first.metric,
    cells: sortCells(byKey.values()),
    stats: { rows, skippedRows, nullAmounts, roundedAmounts, issues, issueCount },
  };
}
