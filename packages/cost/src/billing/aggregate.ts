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
import { ByteCache, ByteCsvSplitter, QUOTED, TRAILED, UNQUOTED, utf16Length, type CellRanges } from './bytes.js';
import {
  accumulate,
  accumulatorValue,
  parseAmountBytes,
  parseAmountInto,
  type Accumulator,
  type ParsedAmount,
} from './money.js';

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

/** Which cell `#lookup` reads. */
const CURRENCY_CELL = 0;
const DAY_CELL = 1;
const TAGS_CELL = 2;

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

/**
 * The cube's cells by their six ids, in an open-addressing hash table (a row costs one probe,
 * most of the time, where nested maps cost three lookups).
 */
class CellTable {
  readonly cells: MutableCell[] = [];
  #keys = new Int32Array(6 * 1024);
  #slots = new Int32Array(2048).fill(-1);
  #mask = 2047;

  static #hash(a: number, b: number, c: number, d: number, e: number, f: number): number {
    let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ b, 0xc2b2ae35);
    h = Math.imul(h ^ c, 0x85ebca6b);
    h = Math.imul(h ^ d, 0xc2b2ae35);
    h = Math.imul(h ^ e, 0x85ebca6b);
    h = Math.imul(h ^ f, 0xc2b2ae35);
    return h ^ (h >>> 15);
  }

  /** The index of the cell in `cells`, or (negative) where to insert it. */
  find(a: number, b: number, c: number, d: number, e: number, f: number): number {
    const keys = this.#keys;
    const slots = this.#slots;
    const mask = this.#mask;
    let h = CellTable.#hash(a, b, c, d, e, f) & mask;
    for (;;) {
      const slot = slots[h] as number;
      if (slot === -1) return -1 - h;
      const k = slot * 6;
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d && keys[k + 4] === e && keys[k + 5] === f) {
        return slot;
      }
      h = (h + 1) & mask;
    }
  }

  insert(at: number, a: number, b: number, c: number, d: number, e: number, f: number, cell: MutableCell): void {
    const index = this.cells.length;
    this.cells.push(cell);
    if (this.#keys.length < (index + 1) * 6) {
      const keys = new Int32Array(this.#keys.length * 2);
      keys.set(this.#keys);
      this.#keys = keys;
    }
    this.#keys.set([a, b, c, d, e, f], index * 6);
    this.#slots[-1 - at] = index;
    if (this.cells.length * 2 > this.#slots.length) this.#grow();
  }

  #grow(): void {
    const size = this.#slots.length * 2;
    const slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    const keys = this.#keys;
    for (let i = 0; i < this.cells.length; i++) {
      const k = i * 6;
      let h =
        CellTable.#hash(
          keys[k] as number,
          keys[k + 1] as number,
          keys[k + 2] as number,
          keys[k + 3] as number,
          keys[k + 4] as number,
          keys[k + 5] as number,
        ) & mask;
      while (slots[h] !== -1) h = (h + 1) & mask;
      slots[h] = i;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
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
  /** Cells by the ids of (target, currency, day, ServiceName, ServiceCategory, ChargeCategory). */
  readonly #cells = new CellTable();
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

  /** The byte path's splitter, once `writeBytes` is used (an aggregator takes text or bytes, not both). */
  #bytes: ByteCsvSplitter | undefined;
  /** Leading bytes held until it is known whether they are a byte order mark. */
  #head: Uint8Array | undefined;
  /** Which column each cell is, for the byte path: 1 read, 2 read raw (Tags), 0 not read. */
  #read: number[] = [];
  /** Where the KEY_COLUMNS are (those present). */
  #keyCells: number[] = [];
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  readonly #currencyBytes = new ByteCache<number>(CACHE_LIMIT);
  readonly #dayBytes = new ByteCache<number>(CACHE_LIMIT);
  readonly #tagBytes = new ByteCache<Target>(CACHE_LIMIT);
  readonly #scBytes = new ByteCache<number>(CACHE_LIMIT);
  readonly #ccBytes = new ByteCache<number>(CACHE_LIMIT);
  readonly #snBytes = new ByteCache<number>(CACHE_LIMIT);
  /** Rows taken the fast way / decoded and read the plain way (byte path only; for tests and `PT_DEBUG`). */
  #fastRows = 0;
  #plainRows = 0;

  /** Rows seen so far (for progress). */
  get rowCount(): number {
    return this.#rows;
  }

  /** Feeds CSV text. Chunks may split anywhere (inside a quoted field, a line ending, a cell). */
  write(text: string): void {
    if (this.#bytes !== undefined) throw new Error('FocusAggregator: text and bytes mixed');
    if (!this.#started) {
      if (text.length === 0) return;
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#splitter.write(text);
    if (this.#splitter.pendingLength > MAX_RECORD_LENGTH) this.#recordTooLong(this.#splitter.line);
  }

  /**
   * Feeds UTF-8 bytes: the same records, cube and issues as `write` of their text, faster. Only
   * the columns the cube uses are looked at, and a cell becomes a string only the first time its
   * bytes are seen (a record that is unusual in any way — a bad value, a field count, a pattern
   * rule to match — is decoded and read by `row`). Chunks may split anywhere, also inside a
   * character. Bytes that are not UTF-8 throw a `TypeError` when decoded; bytes of columns not
   * read are not decoded: the caller checks the encoding (the CLI does, chunk by chunk).
   */
  writeBytes(chunk: Uint8Array): void {
    if (this.#started && this.#bytes === undefined) throw new Error('FocusAggregator: text and bytes mixed');
    if (this.#bytes === undefined) {
      this.#bytes = new ByteCsvSplitter((buf, cells, line, start, length) => this.#record(buf, cells, line, start, length));
    }
    if (!this.#started) {
      const head = this.#head === undefined ? chunk : concat(this.#head, chunk);
      if (head.length < 3 && isBomPrefix(head)) {
        this.#head = head.slice();
        return;
      }
      this.#head = undefined;
      if (head.length === 0) return;
      this.#started = true;
      chunk = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    }
    this.#bytes.write(chunk);
    const rest = this.#bytes.rest;
    if (rest !== undefined && rest.length > MAX_RECORD_LENGTH && utf16Length(rest) > MAX_RECORD_LENGTH) {
      this.#recordTooLong(this.#bytes.line);
    }
  }

  /** How the byte path read the rows: `fast` without decoding them, `plain` decoded first. */
  get bytePath(): { readonly fast: number; readonly plain: number } {
    return { fast: this.#fastRows, plain: this.#plainRows };
  }

  /** One record of the byte path. */
  #record(buf: Uint8Array, cells: CellRanges, line: number, start: number, length: number): void {
    // Checked on every record, as the text path does (in characters: bytes are an upper bound).
    if (length > MAX_RECORD_LENGTH && utf16Length(buf, start, start + length) > MAX_RECORD_LENGTH) {
      this.#recordTooLong(line);
    }
    if (this.#columns === undefined) {
      const names: string[] = [];
      for (let i = 0; i < cells.count; i++) names.push(this.#cellText(buf, cells, i, false));
      this.header(names);
      const columns = this.#columns as ColumnIndex | undefined;
      const read: number[] = [];
      if (columns !== undefined) {
        for (const index of Object.values(columns)) if (index >= 0) read[index] = 1;
        if (columns.Tags >= 0) read[columns.Tags] = 2;
      }
      this.#read = read;
      if (columns !== undefined) this.#keyCells = KEY_COLUMNS.map((k) => columns[k]).filter((i) => i >= 0);
      this.#rawTags = true;
      return;
    }
    if (cells.count === this.#width && this.#fastRow(buf, cells, line)) {
      this.#fastRows++;
      return;
    }
    this.#plainRows++;
    const read = this.#read;
    const values: string[] = [];
    for (let i = 0; i < cells.count; i++) {
      const how = read[i];
      values.push(how === undefined || how === 0 ? '' : this.#cellText(buf, cells, i, how === 2));
    }
    this.row(values, line);
  }

  /** A cell's text as the text splitter gives it (`raw`: doubled quotes left doubled). */
  #cellText(buf: Uint8Array, cells: CellRanges, i: number, raw: boolean): string {
    const start = cells.starts[i] as number;
    const end = cells.ends[i] as number;
    const kind = cells.kinds[i];
    const text = this.#decoder.decode(buf.subarray(start, end));
    if (kind === UNQUOTED) return text;
    const value = raw ? text : text.replaceAll('""', '"');
    return kind === TRAILED ? value + this.#decoder.decode(buf.subarray(end + 1, cells.tails[i])) : value;
  }

  /**
   * Reads a record of the header's width without decoding it, when every cell it uses is
   * ordinary and was seen before (or is new and fine). False: nothing was counted; read it the plain way.
   */
  #fastRow(buf: Uint8Array, cells: CellRanges, line: number): boolean {
    const c = this.#columns as ColumnIndex;
    const { starts, ends, kinds } = cells;
    // Key cells longer than the limit (in bytes, so maybe in characters), and malformed quoting.
    const keyCells = this.#keyCells;
    for (let k = 0; k < keyCells.length; k++) {
      const i = keyCells[k] as number;
      if ((ends[i] as number) - (starts[i] as number) > MAX_KEY_CELL_LENGTH || kinds[i] === TRAILED) return false;
    }
    const ci = c.BillingCurrency;
    if (kinds[ci] === TRAILED) return false;
    const currencyId = this.#lookup(this.#currencyBytes, buf, cells, ci, CURRENCY_CELL) as number | undefined;
    if (currencyId === undefined) return false;

    const ai = c[this.#options.metric];
    const as = starts[ai] as number;
    const ae = ends[ai] as number;
    const parsed = this.#parsed;
    let nullAmount = false;
    let status: 0 | 1 | 2 = 0;
    if (kinds[ai] === TRAILED) return false;
    if (kinds[ai] === QUOTED && hasQuote(buf, as, ae)) return false;
    if (isNullBytes(buf, as, ae)) {
      nullAmount = true;
      parsed.whole = 0;
      parsed.pico = 0;
    } else {
      status = parseAmountBytes(buf, as, ae, parsed);
      if (status === 2) return false;
    }

    const si = c.ChargePeriodStart;
    if (kinds[si] === TRAILED) return false;
    const dayId = this.#lookup(this.#dayBytes, buf, cells, si, DAY_CELL) as number | undefined;
    if (dayId === undefined) return false;

    let target: Target;
    if (c.Tags === -1) target = null;
    else {
      const ti = c.Tags;
      const tagged = this.#lookup(this.#tagBytes, buf, cells, ti, TAGS_CELL) as Target | undefined;
      if (tagged === undefined) return false;
      target = tagged;
    }
    if (c.Tags === -1 && this.#allocator.patternFields.length > 0) return false;

    const sc = this.#dimension(this.#scBytes, this.#serviceCategories, buf, cells, c.ServiceCategory);
    const cc = this.#dimension(this.#ccBytes, this.#chargeCategories, buf, cells, c.ChargeCategory);
    const sn = this.#dimension(this.#snBytes, this.#serviceNames, buf, cells, c.ServiceName);

    this.#rows++;
    this.#line = line;
    if (nullAmount) this.#nullAmounts++;
    else if (status === 1) this.#rounded++;
    this.#add(target, currencyId, dayId, sc, cc, sn, parsed);
    return true;
  }

  /** The id of a category-like cell (ServiceCategory…): '' for an absent column or a null cell. */
  #dimension(cache: ByteCache<number>, interner: Interner, buf: Uint8Array, cells: CellRanges, i: number): number {
    if (i === -1) return interner.id('');
    const start = cells.starts[i] as number;
    const end = cells.ends[i] as number;
    const kind = cells.kinds[i] as number;
    const hash = ByteCache.hash(buf, start, end, kind);
    const hit = cache.get(buf, start, end, kind, hash);
    if (hit !== undefined) return hit.value;
    const text = this.#cellText(buf, cells, i, false);
    const id = interner.id(isNullCell(text) ? '' : text);
    cache.set(buf, start, end, kind, hash, id);
    return id;
  }

  /**
   * What cell `i` means (`what`: which column), from the cache or, on first sight of its bytes,
   * decided from its text. Undefined: a cell the plain way must read (not cached: it is rare).
   */
  #lookup(
    cache: ByteCache<number> | ByteCache<Target>,
    buf: Uint8Array,
    cells: CellRanges,
    i: number,
    what: number,
  ): number | Target | undefined {
    const start = cells.starts[i] as number;
    const end = cells.ends[i] as number;
    // A raw cell (Tags) means the same quoted or not.
    const kind = what === TAGS_CELL ? UNQUOTED : (cells.kinds[i] as number);
    const hash = ByteCache.hash(buf, start, end, kind);
    const hit = cache.get(buf, start, end, kind, hash);
    if (hit !== undefined) return hit.value;
    const text = this.#cellText(buf, cells, i, what === TAGS_CELL);
    const value = this.#decide(text, what);
    if (value !== undefined) (cache as ByteCache<number | Target>).set(buf, start, end, kind, hash, value);
    return value;
  }

  /** The meaning of a cell's text on the fast way, or undefined when its row must be read by `row`. */
  #decide(text: string, what: number): number | Target | undefined {
    if (what === CURRENCY_CELL) {
      const known = this.#currencies.ids.get(text);
      if (known !== undefined) return known;
      return isNullCell(text) || !CURRENCY.test(text) ? undefined : this.#currencies.id(text);
    }
    if (what === DAY_CELL) {
      const id = this.#dayId(text);
      return id === -1 ? undefined : id;
    }
    if (isNullCell(text)) return this.#allocator.patternFields.length > 0 ? undefined : null;
    const decision = this.#allocator.fromTags(text, true);
    // A bad tag is an issue, and a row without a service tag may match a pattern rule: `row` reads them.
    if (decision?.kind === 'bad') return undefined;
    if (decision === undefined) return this.#allocator.patternFields.length > 0 ? undefined : null;
    return decision;
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
    const dayId = this.#dayId(start);
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
    const sc = this.#serviceCategories.id(this.#text(cells, c.ServiceCategory));
    const cc = this.#chargeCategories.id(this.#text(cells, c.ChargeCategory));
    const sn = this.#serviceNames.id(this.#text(cells, c.ServiceName));
    this.#add(target, currencyId, dayId, sc, cc, sn, parsed);
  }

  /** Adds a parsed amount to its cell (creating the cell on first sight). */
  #add(target: Target, currencyId: number, dayId: number, sc: number, cc: number, sn: number, parsed: ParsedAmount) {
    let targetId = this.#targets.get(target);
    if (targetId === undefined) {
      targetId = this.#targetList.length;
      this.#targetList.push(target);
      this.#targets.set(target, targetId);
    }
    const table = this.#cells;
    const at = table.find(targetId, currencyId, dayId, sn, sc, cc);
    let cell: MutableCell;
    if (at >= 0) cell = table.cells[at] as MutableCell;
    else {
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
      table.insert(at, targetId, currencyId, dayId, sn, sc, cc, cell);
    }
    accumulate(cell.acc, parsed.whole, parsed.pico);
    cell.rows++;
  }

  /** The day id of a ChargePeriodStart text (-1: not a timestamp). */
  #dayId(start: string): number {
    let dayId = this.#dayOf.get(start);
    if (dayId === undefined) {
      const day = isNullCell(start) ? null : utcDay(start);
      dayId = day === null ? -1 : this.#days.id(day);
      if (this.#dayOf.size >= CACHE_LIMIT) this.#dayOf.clear();
      this.#dayOf.set(own(start), dayId);
    }
    return dayId;
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
    return this.#bytes === undefined ? this.#splitter.pending : this.#bytes.rest !== undefined;
  }

  end(): CostCube {
    if (this.#bytes === undefined) this.#splitter.end();
    else {
      if (this.#head !== undefined) {
        // Fewer than three bytes in all, the start of a byte order mark: text of their own.
        const head = this.#head;
        this.#head = undefined;
        this.#started = true;
        this.#bytes.write(head);
      }
      this.#bytes.end();
    }
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
    const all = this.#cells.cells;
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Could these (fewer than three) bytes begin a UTF-8 byte order mark? */
function isBomPrefix(head: Uint8Array): boolean {
  return (head.length < 1 || head[0] === 0xef) && (head.length < 2 || head[1] === 0xbb);
}

/** {@link isNullCell} of a cell's bytes: empty, `NULL`, `null` or `Null`. */
function isNullBytes(buf: Uint8Array, start: number, end: number): boolean {
  if (end === start) return true;
  if (end - start !== 4) return false;
  const a = buf[start];
  const rest = buf[start + 1] === 85 ? 'ULL' : buf[start + 1] === 117 ? 'ull' : '';
  if (rest === '') return false;
  if (rest === 'ULL') return a === 78 && buf[start + 2] === 76 && buf[start + 3] === 76;
  return (a === 78 || a === 110) && buf[start + 2] === 108 && buf[start + 3] === 108;
}

function hasQuote(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] === 34) return true;
  return false;
}
