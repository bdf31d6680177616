import type { CostCube } from './cube.js';

/**
 * A range of UTC days of ChargePeriodStart, half-open: `from` included, `to` excluded (both
 * YYYY-MM-DD; either may be absent). A row is in the range when the UTC day of its
 * ChargePeriodStart is, which for whole days is exactly `from <= ChargePeriodStart < to`.
 */
export interface DayRange {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** The range options as given on a command line. */
export interface RangeInput {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** YYYY-MM: the whole month (cannot be combined with from/to). */
  readonly month?: string | undefined;
}

export type RangeResult = { ok: true; range: DayRange | null } | { ok: false; message: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** The first day of the month after `month` (YYYY-MM). */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** `--from`, `--to`, `--month` checked and turned into a range (null: none given). */
export function parseDayRange(input: RangeInput): RangeResult {
  const { from, to, month } = input;
  if (month !== undefined) {
    if (from !== undefined || to !== undefined) {
      return { ok: false, message: '--month cannot be combined with --from or --to' };
    }
    if (!/^\d{4}-\d{2}$/.test(month) || !isDay(`${month}-01`)) {
      return { ok: false, message: `--month must be a month YYYY-MM; got "${month}"` };
    }
    return { ok: true, range: { from: `${month}-01`, to: nextMonth(month) } };
  }
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isDay(value)) {
      return { ok: false, message: `--${name} must be a date YYYY-MM-DD (UTC); got "${value}"` };
    }
  }
  if (from !== undefined && to !== undefined && to <= from) {
    return { ok: false, message: `--to (${to}) must be after --from (${from}); the range is half-open` };
  }
  return { ok: true, range: from === undefined && to === undefined ? null : { from, to } };
}

export interface RangeCut {
  /** The cube of the rows in the range (stats of reading kept: rows, skipped, issues). */
  readonly cube: CostCube;
  /** Rows (of cells) in and outside the range. */
  readonly rowsInside: number;
  readonly rowsOutside: number;
  /** First and last day with data inside the range, or null when none. */
  readonly firstDay: string | null;
  readonly lastDay: string | null;
}

/** Is a UTC day in a range? */
export function inDayRange(day: string, range: DayRange): boolean {
  return (range.from === undefined || day >= range.from) && (range.to === undefined || day < range.to);
}

/** The cube restricted to a range of days, with the rows left out counted. */
export function cutCube(cube: CostCube, range: DayRange | null): RangeCut {
  let rowsInside = 0;
  let rowsOutside = 0;
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  const cells = cube.cells.filter((c) => {
    const inside = range === null || inDayRange(c.day, range);
    if (inside) {
      rowsInside += c.rows;
      if (firstDay === null || c.day < firstDay) firstDay = c.day;
      if (lastDay === null || c.day > lastDay) lastDay = c.day;
    } else rowsOutside += c.rows;
    return inside;
  });
  // Filtering keeps the canonical order of the cells.
  return { cube: { ...cube, cells }, rowsInside, rowsOutside, firstDay, lastDay };
}

/** One line saying what range a summary covered: `2024-09-01 to 2024-09-30 (…); 120 rows outside left out`. */
export function describeRange(cut: RangeCut, range: DayRange | null): string {
  const asked =
    range === null
      ? 'all days'
      : `ChargePeriodStart from ${range.from ?? 'the start'} to ${range.to === undefined ? 'the end' : `before ${range.to}`}`;
  const data = cut.firstDay === null ? 'no rows in it' : `data ${cut.firstDay} to ${cut.lastDay ?? cut.firstDay}`;
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  return `Range: ${asked} (UTC); ${data}; ${rows(cut.rowsInside)} in it, ${rows(cut.rowsOutside)} outside left out`;
}
