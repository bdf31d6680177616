import { Allocator, type Allocation, type PatternField, type Target } from './allocation.js';
import { CsvSplitter } from './csv.js';
import { MAX_KEPT_ISSUES, sortCells, type CostCube, type CubeCell, type RowIssue } from './cube.js';
import {
  isNullCell,
  KEY_COLUMNS,
  MAX_KEY_CELL_LENGTH,
  resolveColumns,
  utcDay,
  type ColumnIndex,
  type FocusMetric,
} from './focus.js';
import { accumulate, accumulatorValue, parseAmountInto, type Accumulator, type ParsedAmount } from './money.js';

/** A problem with the billing data as a whole or with rows (error mode): stable `code`, located issues. */
/**
 * `E_FOCUS_HEADER`: the header lacks a required column or repeats one; `E_FOCUS_ROWS`: bad values
 * (error mode); `E_FOCUS_RECORD`: a record longer than {@link MAX_RECORD_LENGTH} (not CSV with line
 * breaks, whatever the mode).
 */
export type FocusDataErrorCode = 'E_FOCUS_HEADER' | 'E_FOCUS_ROWS' | 'E_FOCUS_RECORD';

/**
 * The longest record (line) read, in characters: DuckDB's default `max_line_size`. Without a bound
 * a file without line breaks (a gzip bomb of one byte) would be buffered whole and rescanned at
 * every chunk: hours, then out of memory.
 */
export const MAX_RECORD_LENGTH = 2 * 1024 * 1024;

export class FocusDataError extends Error {
  override readonly name = 'FocusDataError';
  readonly code: FocusDataErrorCode;
  readonly issues: readonly RowIssue[];
  /** Every problem found, including those not kept in `issues`. */
  readonly issueCount: number;

  constructor(code: FocusDataErrorCode, message: string, issues: readonly RowIssue[], issueCount: number) {
    super(message);
    this.code = code;
    this.issues = issues;
    this.issueCount = issueCount;
  }
}

export interface AggregatorOptions {
  readonly metric: FocusMetric;
  /** `error`: every bad row is collected and `end()` throws; `skip`: bad rows are counted and left out. */
  readonly onBadRow: 'error' | 'skip';
  readonly allocation: Allocation;
}

interface MutableCell {
  readonly currency: string;
  readonly target: Target;
  readonly day: string;
  readonly serviceCategory: string;
  readonly chargeCategory: string;
  readonly serviceName: string;
  readonly acc: Accumulator;
  rows: number;
}

const CURRENCY = /^[A-Z]{3}$/;

/** Entries of a lookup cache before it is cleared (memory stays bounded). */
const CACHE_LIMIT = 100_000;
/** Distinct values per dimension that fit the numeric cell keys. */
const MAX_IDS = 1 << 20;

/**
 * A copy of a string that does not share memory with the text chunk it was cut from (V8 keeps
 * a whole chunk alive for a slice of it): long-lived keys must not pin the input.
 */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Small integer ids for the values of one dimension (values copied once, on first sight). */
class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  constructor(readonly what: string) {}
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      if (id >= MAX_IDS) throw new Error(`more than ${MAX_IDS} distinct ${this.what} values`);
      const copy = own(value);
      this.values.push(copy);
      this.ids.set(copy, id);
    }
    return id;
  }
}

/**
 * Push-style FOCUS aggregator: feed it text chunks (`write`) or parsed rows (`header`, then
 * `row`), then call `end()` for the cube. Memory is bounded by the number of distinct cells
 * (currency × target × day × categories), never by the number of rows. No I/O: the caller reads
 * the file (and gunzips it) and pushes the text.
 *
 * @example
 * const agg = new FocusAggregator({ metric: 'BilledCost', onBadRow: 'error', allocation });
 * for await (const chunk of stream) agg.write(chunk);
 * const cube = agg.end();
 */
export class FocusAggregator {
  readonly #options: AggregatorOptions;
  readonly #allocator: Allocator;
  /** Cells by numeric keys: (target, currency) → (day, ServiceName) → (ServiceCategory, ChargeCategory). */
  readonly #cells = new Map<number, Map<number, Map<number, MutableCell>>>();
  readonly #targets = new Map<Target, number>();
  readonly #targetList: Target[] = [];
  readonly #currencies = new Interner('BillingCurrency');
  readonly #days = new Interner('day');
  /** ChargePeriodStart text → day id (-1: not a timestamp). */
  readonly #dayOf = new Map<string, number>();
  readonly #serviceCategories = new Interner('ServiceCategory');
  readonly #chargeCategories = new Interner('ChargeCategory');
  readonly #serviceNames = new Interner('ServiceName');
  /** True when cells come from the splitter, whose Tags cells keep doubled quotes. */
  #rawTags = false;
  #columns: ColumnIndex | undefined;
  #columnNames: Record<string, string | undefined> = {};
  readonly #splitter: CsvSplitter;
  #width = 0;
  #started = false;
  #line = 0;
  #rows = 0;
  #skipped = 0;
  #nullAmounts = 0;
  #rounded = 0;
  #issueCount = 0;
  readonly #issues: RowIssue[] = [];
  readonly #parsed: ParsedAmount = { whole: 0, pico: 0 };
  constructor(options: AggregatorOptions) {
    this.#options = options;
    this.#allocator = new Allocator(options.allocation);
    this.#splitter = new CsvSplitter((cells, line) => {
      // Checked on every record, not only on one still incomplete when a chunk ends: the same
      // file gives the same answer however it is chunked or split into parts (--jobs).
      if (this.#splitter.recordLength > MAX_RECORD_LENGTH) this.#recordTooLong(line);
      if (this.#columns === undefined) {
        this.header(cells);
        const columns = this.#columns as ColumnIndex | undefined;
        const wanted: boolean[] = [];
        const raw: boolean[] = [];
        if (columns !== undefined) {
          for (const index of Object.values(columns)) if (index >= 0) wanted[index] = true;
          if (columns.Tags >= 0) raw[columns.Tags] = true;
        }
        this.#splitter.select(wanted, raw);
        this.#rawTags = true;
      } else this.row(cells, line);
    });
  }

  /** Rows seen so far (for progress). */
  get rowCount(): number {
    return this.#rows;
  }

  /** Feeds CSV text. Chunks may split anywhere (inside a quoted field, a line ending, a cell). */
  write(text: string): void {
    if (!this.#started) {
      if (text.length === 0) return;
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#splitter.write(text);
    if (this.#splitter.pendingLength > MAX_RECORD_LENGTH) this.#recordTooLong(this.#splitter.line);
  }

  #recordTooLong(line: number): never {
    const message = `a record longer than ${MAX_RECORD_LENGTH} characters`;
    throw new FocusDataError(
      'E_FOCUS_RECORD',
      `not CSV with line breaks (${message})`,
      [{ row: this.#rows + 1, line, column: '', message }],
      1,
    );
  }

  /** Sets the header row (names as in the file; case and separators do not matter). */
  header(cells: readonly string[]): void {
    const { columns, names, problems } = resolveColumns(cells, this.#options.metric);
    if (problems.length > 0) {
      const issues = problems.map((p) => ({ row: 0, line: 1, column: p.column, message: p.message }));
      throw new FocusDataError(
        'E_FOCUS_HEADER',
        `not a FOCUS file: ${problems.map((p) => p.message).join(', ')}`,
        issues,
        issues.length,
      );
    }
    this.#columns = columns;
    this.#columnNames = names;
    this.#width = cells.length;
  }

  #issue(column: string, message: string): void {
    this.#issueCount++;
    if (this.#issues.length < MAX_KEPT_ISSUES) {
      this.#issues.push({ row: this.#rows, line: this.#line, column: this.#columnNames[column] ?? column, message });
    }
  }

  /**
   * Adds one data row (cells in header order). `line` is where it starts in the file (default:
   * the row number + 1, right when no quoted field spans lines).
   */
  row(cells: readonly string[], line?: number): void {
    const c = this.#columns;
    if (c === undefined) throw new Error('FocusAggregator.row called before header');
    this.#rows++;
    this.#line = line ?? this.#rows + 1;
    if (cells.length !== this.#width) {
      this.#issue('', `has ${cells.length} field${cells.length === 1 ? '' : 's'}, the header has ${this.#width}`);
      this.#skipped++;
      return;
    }
    let bad = false;
    for (const column of KEY_COLUMNS) {
      const index = c[column];
      if (index >= 0 && (cells[index] as string).length > MAX_KEY_CELL_LENGTH) {
        this.#issue(column, `longer than ${MAX_KEY_CELL_LENGTH} characters`);
        bad = true;
      }
    }
    const currency = cells[c.BillingCurrency] as string;
    let currencyId = this.#currencies.ids.get(currency);
    if (currencyId === undefined) {
      if (isNullCell(currency)) {
        this.#issue('BillingCurrency', 'missing currency');
        bad = true;
      } else if (!CURRENCY.test(currency)) {
        this.#issue('BillingCurrency', `not an ISO 4217 code: ${JSON.stringify(currency.slice(0, 40))}`);
        bad = true;
      } else currencyId = this.#currencies.id(currency);
    }
    const amountText = cells[c[this.#options.metric]] as string;
    const parsed = this.#parsed;
    const nullAmount = isNullCell(amountText);
    let status = 0;
    if (nullAmount) {
      parsed.whole = 0;
      parsed.pico = 0;
    } else {
      status = parseAmountInto(amountText, parsed);
      if (status === -1) {
        this.#issue(this.#options.metric, `not a number: ${JSON.stringify(amountText.slice(0, 40))}`);
        bad = true;
      }
    }
    const start = cells[c.ChargePeriodStart] as string;
    let dayId = this.#dayOf.get(start);
    if (dayId === undefined) {
      const day = isNullCell(start) ? null : utcDay(start);
      dayId = day === null ? -1 : this.#days.id(day);
      if (this.#dayOf.size >= CACHE_LIMIT) this.#dayOf.clear();
      this.#dayOf.set(own(start), dayId);
    }
    if (dayId === -1) {
      this.#issue(
        'ChargePeriodStart',
        isNullCell(start) ? 'missing timestamp' : `not a timestamp: ${JSON.stringify(start.slice(0, 40))}`,
      );
      bad = true;
    }
    const tagsCell = c.Tags === -1 ? '' : (cells[c.Tags] as string);
    const tagged = isNullCell(tagsCell) ? undefined : this.#allocator.fromTags(tagsCell, this.#rawTags);
    if (tagged?.kind === 'bad') {
      // A look-alike service name (`payments\u200b`) would be a second service that prints the same.
      this.#issue('Tags', tagged.message);
      bad = true;
    }
    if (bad || currencyId === undefined || tagged?.kind === 'bad') {
      this.#skipped++;
      return;
    }
    if (nullAmount) this.#nullAmounts++;
    else if (status === 1) this.#rounded++;

    const target: Target = tagged ?? this.#allocator.fromPatterns(this.#patternValues(cells, c));
    let targetId = this.#targets.get(target);
    if (targetId === undefined) {
      targetId = this.#targetList.length;
      this.#targetList.push(target);
      this.#targets.set(target, targetId);
    }
    const sc = this.#serviceCategories.id(this.#text(cells, c.ServiceCategory));
    const cc = this.#chargeCategories.id(this.#text(cells, c.ChargeCategory));
    const sn = this.#serviceNames.id(this.#text(cells, c.ServiceName));
    const k1 = targetId * 4096 + currencyId;
    const k2 = dayId * MAX_IDS + sn;
    const k3 = sc * MAX_IDS + cc;
    let l2 = this.#cells.get(k1);
    if (l2 === undefined) this.#cells.set(k1, (l2 = new Map<number, Map<number, MutableCell>>()));
    let l3 = l2.get(k2);
    if (l3 === undefined) l2.set(k2, (l3 = new Map<number, MutableCell>()));
    let cell = l3.get(k3);
    if (cell === undefined) {
      cell = {
        currency: this.#currencies.values[currencyId] ?? '',
        target,
        day: this.#days.values[dayId] ?? '',
        serviceCategory: this.#serviceCategories.values[sc] ?? '',
        chargeCategory: this.#chargeCategories.values[cc] ?? '',
        serviceName: this.#serviceNames.values[sn] ?? '',
        acc: { whole: 0, pico: 0 },
        rows: 0,
      };
      l3.set(k3, cell);
    }
    accumulate(cell.acc, parsed.whole, parsed.pico);
    cell.rows++;
  }

  #text(cells: readonly string[], index: number): string {
    if (index === -1) return '';
    const v = cells[index] as string;
    return isNullCell(v) ? '' : v;
  }

  #patternValues(cells: readonly string[], c: ColumnIndex): Record<PatternField, string | null> {
    const get = (i: number) => (i === -1 || isNullCell(cells[i]) ? null : (cells[i] ?? null));
    return {
      ResourceName: get(c.ResourceName),
      ResourceId: get(c.ResourceId),
      SubAccountId: get(c.SubAccountId),
      SubAccountName: get(c.SubAccountName),
    };
  }

  /** Finishes: the cube. In `error` mode, throws `FocusDataError` (`E_FOCUS_ROWS`) if any row was bad. */
  /**
   * Does the text written so far end inside a record (e.g. inside a quoted field)? Reading a file
   * in parts, a part may only start where the previous one ended on a record boundary.
   */
  get midRecord(): boolean {
    return this.#splitter.pending;
  }

  end(): CostCube {
    this.#splitter.end();
    if (this.#columns === undefined) {
      throw new FocusDataError('E_FOCUS_HEADER', 'not a FOCUS file: no header row', [], 0);
    }
    if (this.#options.onBadRow === 'error' && this.#issueCount > 0) {
      const n = this.#issueCount;
      throw new FocusDataError(
        'E_FOCUS_ROWS',
        `${n} bad value${n === 1 ? '' : 's'} in the billing data`,
        this.#issues,
        n,
      );
    }
    const all: MutableCell[] = [];
    for (const l2 of this.#cells.values()) for (const l3 of l2.values()) all.push(...l3.values());
    const cells = all.map((m): CubeCell => ({
      currency: m.currency,
      target: m.target === null ? 'unallocated' : m.target.kind,
      service: m.target !== null && m.target.kind === 'service' ? m.target.service : null,
      day: m.day,
      serviceCategory: m.serviceCategory,
      chargeCategory: m.chargeCategory,
      serviceName: m.serviceName,
      amount: accumulatorValue(m.acc),
      rows: m.rows,
    }));
    return {
      metric: this.#options.metric,
      cells: sortCells(cells),
      stats: {
        rows: this.#rows,
        skippedRows: this.#skipped,
        nullAmounts: this.#nullAmounts,
        roundedAmounts: this.#rounded,
        issues: [...this.#issues],
        issueCount: this.#issueCount,
      },
    };
  }
}
