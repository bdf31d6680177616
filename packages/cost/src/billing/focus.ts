/**
 * FOCUS (FinOps Open Cost and Usage Specification) 1.0–1.2 columns this package reads, header
 * normalisation and the timestamp rule. Column names match whatever their case or separators
 * (`BilledCost`, `billedcost`, `BILLED_COST`, `billed cost` are one column).
 */

/** The cost columns of FOCUS; one of them is summed (`metric`). */
export const FOCUS_METRICS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'] as const;
export type FocusMetric = (typeof FOCUS_METRICS)[number];

/** Every FOCUS column the aggregation may read. */
export const FOCUS_COLUMNS = [
  ...FOCUS_METRICS,
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ServiceName',
  'ServiceCategory',
  'ProviderName',
  'SubAccountId',
  'SubAccountName',
  'ResourceId',
  'ResourceName',
  'Tags',
] as const;
export type FocusColumn = (typeof FOCUS_COLUMNS)[number];

/**
 * Columns whose text becomes a key of the cube (directly, or through a tag value) and so a row of
 * a report. A cell of these longer than {@link MAX_KEY_CELL_LENGTH} makes its row bad: no real
 * export has such a name, and a 10 MB one would be padded into every line of a table.
 */
export const KEY_COLUMNS = [
  'ServiceName',
  'ServiceCategory',
  'ChargeCategory',
  'Tags',
] as const satisfies readonly FocusColumn[];
export const MAX_KEY_CELL_LENGTH = 65_536;

/** Columns a file must have (besides the chosen metric). */
export const REQUIRED_COLUMNS = ['BillingCurrency', 'ChargePeriodStart'] as const satisfies readonly FocusColumn[];

/** The comparison key of a column name: lower case, letters and digits only. */
export function normalizeColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Where each FOCUS column sits in a header (index), or -1 when absent. */
export type ColumnIndex = Readonly<Record<FocusColumn, number>>;

/** Problems with a header: required columns that are missing, columns read that appear twice. */
export interface HeaderProblem {
  readonly column: string;
  readonly message: string;
}

/**
 * Finds the FOCUS columns in a header row. Returns the index map and the problems: required
 * columns that are missing (the metric is required too), and columns read that appear twice.
 */
export function resolveColumns(
  header: readonly string[],
  metric: FocusMetric,
): { columns: ColumnIndex; names: Readonly<Record<FocusColumn, string | undefined>>; problems: HeaderProblem[] } {
  const byKey = new Map<string, number>();
  const twice = new Set<string>();
  header.forEach((name, i) => {
    const key = normalizeColumnName(name);
    if (byKey.has(key)) twice.add(key);
    else byKey.set(key, i);
  });
  const columns = {} as Record<FocusColumn, number>;
  const names = {} as Record<FocusColumn, string | undefined>;
  for (const column of FOCUS_COLUMNS) {
    const index = byKey.get(normalizeColumnName(column)) ?? -1;
    columns[column] = index;
    names[column] = index === -1 ? undefined : header[index];
  }
  const problems: HeaderProblem[] = [];
  for (const column of [metric, ...REQUIRED_COLUMNS]) {
    if (columns[column] === -1) problems.push({ column, message: `missing required column ${column}` });
  }
  // A column read twice would let one of two cells win silently (columns this package ignores may repeat).
  for (const column of FOCUS_COLUMNS) {
    if (twice.has(normalizeColumnName(column))) problems.push({ column, message: `duplicate column ${column}` });
  }
  return { columns, names, problems };
}

/** Cells FOCUS exports use for "no value": empty, or the token `NULL` (any case). */
export function isNullCell(cell: string | undefined): boolean {
  return cell === undefined || cell === '' || cell === 'NULL' || cell === 'null' || cell === 'Null';
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The UTC calendar day (YYYY-MM-DD) of a FOCUS timestamp: `2024-09-18 22:00:00`,
 * `2024-09-18T22:00:00Z`, `2024-09-18T23:30:00+02:00`, or a bare date. Without a zone the time
 * is UTC (as FOCUS requires). Returns null when it is not such a timestamp.
 */
export function utcDay(value: string): string | null {
  // Fast path: no zone or `Z`/`+00:00` — the day is the first ten characters.
  const n = value.length;
  if (
    (n === 10 ||
      ((n === 19 || (n === 20 && value.charCodeAt(19) === 90)) && /^[T ]\d\d:\d\d:\d\d/.test(value.slice(10, 19)))) &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45
  ) {
    return validDay(value.slice(0, 10));
  }
  const m = TIMESTAMP.exec(value);
  if (m === null) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const day = validDay(`${y}-${mo}-${d}`);
  if (day === null) return null;
  if (zone === undefined || zone.toUpperCase() === 'Z') return day;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const dayCache = new Map<string, boolean>();

function validDay(day: string): string | null {
  let ok = dayCache.get(day);
  if (ok === undefined) {
    const t = Date.parse(`${day}T00:00:00Z`);
    ok = /^\d{4}-\d{2}-\d{2}$/.test(day) && Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(day, ok);
  }
  return ok ? day : null;
}
