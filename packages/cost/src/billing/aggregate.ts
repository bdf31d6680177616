import { Allocator, type Allocation, type PatternField, type Target } from './allocation.js';
import { CsvSplitter } from './csv.js';
import { MAX_KEPT_ISSUES, sortCells, type CostCube, type CubeCell, type RowIssue } from './cube.js';
import { isNullCell, resolveColumns, utcDay, type ColumnIndex, type FocusMetric } from './focus.js';
import { accumulate, accumulatorValue, parseAmountInto, type Accumulator, type ParsedAmount } from './money.js';

/** A problem with the billing data as a whole or with rows (error mode): stable `code`, located issues. */
export class FocusDataError extends Error {
  override readonly name = 'FocusDataError';
  readonly code: 'E_FOCUS_HEADER' | 'E_FOCUS_ROWS';
  readonly issues: readonly RowIssue[];
  /** Every problem found, including those not kept in `issues`. */
  readonly issueCount: number;

  constructor(
    code: 'E_FOCUS_HEADER' | 'E_FOCUS_ROWS',
    message: string,
    issues: readonly RowIssue[],
    issueCount: number,
  ) {
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
  readonly target: CubeCell['target'];
  readonly service: string | null;
  readonly day: string;
  readonly serviceCategory: string;
  readonly chargeCategory: string;
  readonly serviceName: string;
  readonly acc: Accumulator;
  rows: number;
}

const CURRENCY = /^[A-Z]{3}$/;

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
  readonly #cells = new Map<string, MutableCell>();
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
      if (this.#columns === undefined) {
        this.header(cells);
        const wanted: boolean[] = [];
        for (const index of Object.values(this.#columns as unknown as Record<string, number>)) {
          if (index >= 0) wanted[index] = true;
        }
        this.#splitter.select(wanted);
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
    let bad = false;
    if (cells.length !== this.#width) {
      this.#issue('', `has ${cells.length} field${cells.length === 1 ? '' : 's'}, the header has ${this.#width}`);
      this.#skipped++;
      return;
    }
    const currency = cells[c.BillingCurrency];
    if (currency === undefined || isNullCell(currency)) {
      this.#issue('BillingCurrency', 'missing currency');
      bad = true;
    } else if (!CURRENCY.test(currency)) {
      this.#issue('BillingCurrency', `not an ISO 4217 code: ${JSON.stringify(currency.slice(0, 40))}`);
      bad = true;
    }
    const amountText = cells[c[this.#options.metric]];
    const parsed = this.#parsed;
    let status = 0;
    if (isNullCell(amountText)) {
      parsed.whole = 0;
      parsed.pico = 0;
    } else {
      status = parseAmountInto(amountText as string, parsed);
      if (status === -1) {
        this.#issue(this.#options.metric, `not a number: ${JSON.stringify((amountText as string).slice(0, 40))}`);
        bad = true;
      }
    }
    const start = cells[c.ChargePeriodStart];
    const day = start === undefined || isNullCell(start) ? null : utcDay(start);
    if (day === null) {
      this.#issue(
        'ChargePeriodStart',
        start === undefined || isNullCell(start)
          ? 'missing timestamp'
          : `not a timestamp: ${JSON.stringify(start.slice(0, 40))}`,
      );
      bad = true;
    }
    if (bad || day === null || currency === undefined) {
      this.#skipped++;
      return;
    }
    if (isNullCell(amountText)) this.#nullAmounts++;
    else if (status === 1) this.#rounded++;

    const tagsCell = c.Tags === -1 ? undefined : cells[c.Tags];
    let target: Target | undefined = this.#allocator.fromTags(isNullCell(tagsCell) ? null : (tagsCell as string));
    if (target === undefined) target = this.#allocator.fromPatterns(this.#patternValues(cells, c));
    const serviceCategory = this.#text(cells, c.ServiceCategory);
    const chargeCategory = this.#text(cells, c.ChargeCategory);
    const serviceName = this.#text(cells, c.ServiceName);
    const targetKey = target === null ? 'u' : target.kind === 'shared' ? 'h' : `s${target.service}`;
    const key = `${currency}\u0001${targetKey}\u0001${day}\u0001${serviceCategory}\u0001${chargeCategory}\u0001${serviceName}`;
    let cell = this.#cells.get(key);
    if (cell === undefined) {
      cell = {
        currency,
        target: target === null ? 'unallocated' : target.kind,
        service: target !== null && target.kind === 'service' ? target.service : null,
        day,
        serviceCategory,
        chargeCategory,
        serviceName,
        acc: { whole: 0, pico: 0 },
        rows: 0,
      };
      this.#cells.set(key, cell);
    }
    accumulate(cell.acc, parsed.whole, parsed.pico);
    cell.rows++;
  }

  #text(cells: readonly string[], index: number): string {
    if (index === -1) return '';
    const v = cells[index];
    return v === undefined || isNullCell(v) ? '' : v;
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
    const cells = [...this.#cells.values()].map((m): CubeCell => ({
      currency: m.currency,
      target: m.target,
      service: m.service,
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
