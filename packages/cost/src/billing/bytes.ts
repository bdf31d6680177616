/**
 * The byte path of the FOCUS reader: a CSV splitter over UTF-8 bytes that finds where the cells
 * of a record are without making a string of any of them, and a small cache from a cell's bytes
 * to what they were found to mean. Its records are those of {@link CsvSplitter} (same rules for
 * quotes, `\r\n`, blank lines, text after a closing quote and line numbers; the tests check this),
 * so the aggregator can decode any record it does not take on the fast way and read it the plain way.
 */

/** A cell's shape: `UNQUOTED`; `QUOTED` (range = between the quotes, doubled quotes still doubled); `TRAILED` (quoted, then more text up to `tails[i]`). */
export const UNQUOTED = 0;
export const QUOTED = 1;
export const TRAILED = 2;

/** Where the cells of the current record are (valid during the `onRecord` call only). */
export interface CellRanges {
  count: number;
  readonly starts: number[];
  readonly ends: number[];
  readonly kinds: number[];
  readonly tails: number[];
}

/**
 * Push-style RFC 4180 splitter over bytes: `write(bytes)` any chunks (a chunk may end anywhere,
 * also inside a multi-byte character: only ASCII bytes are looked at), `end()`. Each non-blank
 * record goes to `onRecord(buf, cells, line, start, length)`: the buffer its cells are ranges of,
 * the 1-based line it starts on, and where it starts and its length in bytes (line ending included).
 */
export class ByteCsvSplitter {
  readonly #onRecord: (buf: Uint8Array, cells: CellRanges, line: number, start: number, length: number) => void;
  #rest: Uint8Array | undefined;
  #line = 1;
  readonly #cells: CellRanges = { count: 0, starts: [], ends: [], kinds: [], tails: [] };

  constructor(onRecord: (buf: Uint8Array, cells: CellRanges, line: number, start: number, length: number) => void) {
    this.#onRecord = onRecord;
  }

  /** Where an incomplete record and the next chunk are joined (reused: no garbage per chunk). */
  #scratch = new Uint8Array(0);

  write(chunk: Uint8Array): void {
    const rest = this.#rest;
    if (rest === undefined) this.#scan(chunk, false);
    else {
      const length = rest.length + chunk.length;
      if (this.#scratch.length < length) this.#scratch = new Uint8Array(Math.max(length, this.#scratch.length * 2));
      const buf = this.#scratch.subarray(0, length);
      buf.set(rest, 0);
      buf.set(chunk, rest.length);
      this.#scan(buf, false);
    }
  }

  /** The bytes of the incomplete record waiting for more (undefined: none). */
  get rest(): Uint8Array | undefined {
    return this.#rest;
  }

  /** The 1-based line the next (or the incomplete) record starts on. */
  get line(): number {
    return this.#line;
  }

  end(): void {
    const rest = this.#rest;
    this.#rest = undefined;
    if (rest !== undefined) this.#scan(rest, true);
  }

  #scan(buf: Uint8Array, final: boolean): void {
    const n = buf.length;
    const cells = this.#cells;
    const { starts, ends, kinds, tails } = cells;
    let start = 0;
    for (;;) {
      if (start >= n) {
        this.#rest = undefined;
        return;
      }
      let count = 0;
      let pos = start;
      let lines = 0;
      let complete = false;
      for (;;) {
        let c = pos < n ? (buf[pos] as number) : -1;
        if (c === 34 /* " */) {
          let q = pos + 1;
          let inside = 0;
          let found = false;
          for (;;) {
            while (q < n) {
              const b = buf[q] as number;
              if (b === 34) break;
              if (b === 10) inside++;
              q++;
            }
            if (q >= n || (q + 1 >= n && !final)) break;
            if (buf[q + 1] === 34) {
              q += 2;
              continue;
            }
            found = true;
            break;
          }
          if (!found) {
            if (!final) break; // incomplete quoted field: wait for more bytes
            q = n; // unterminated quote at the end of the input: take the rest
          }
          lines += inside;
          starts[count] = pos + 1;
          ends[count] = q;
          pos = q + 1;
          const tail = pos;
          // Text after a closing quote (malformed): kept, as the text splitter does.
          while (pos < n) {
            c = buf[pos] as number;
            if (c === 44 || c === 10 || c === 13) break;
            pos++;
          }
          kinds[count] = pos > tail ? TRAILED : QUOTED;
          tails[count] = pos;
          count++;
        } else {
          let end = pos;
          while (end < n) {
            const b = buf[end] as number;
            if (b === 44 || b === 10) break;
            end++;
          }
          const valueEnd = end < n && buf[end] === 10 && end > pos && buf[end - 1] === 13 ? end - 1 : end;
          starts[count] = pos;
          ends[count] = valueEnd;
          kinds[count] = UNQUOTED;
          count++;
          pos = valueEnd;
        }
        if (pos >= n) {
          if (final) complete = true;
          break;
        }
        c = buf[pos] as number;
        if (c === 44) {
          pos++;
          continue;
        }
        if (c === 13) {
          if (pos + 1 >= n && !final) break; // a \r at the end of a chunk: \n may follow
          pos += buf[pos + 1] === 10 ? 2 : 1;
        } else pos++; // \n
        complete = true;
        lines++;
        break;
      }
      if (!complete) {
        this.#rest = buf.slice(start);
        return;
      }
      const line = this.#line;
      this.#line += lines;
      const first = buf[start];
      const blank = count === 1 && (first === 10 || first === 13 || start >= n);
      const length = pos - start;
      start = pos;
      if (!blank) {
        cells.count = count;
        this.#onRecord(buf, cells, line, start - length, length);
      }
    }
  }
}

/** UTF-16 code units of UTF-8 bytes (what `String.length` of their text would be). */
export function utf16Length(buf: Uint8Array, start = 0, end = buf.length): number {
  let units = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i] as number;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

interface Entry<V> {
  readonly bytes: Uint8Array;
  readonly kind: number;
  readonly value: V;
  next: Entry<V> | undefined;
}

/**
 * A map from a cell's bytes (and whether it was quoted) to a value, looked up without making a
 * string. Cleared when it holds `limit` entries, so memory stays bounded on any input.
 */
export class ByteCache<V> {
  readonly #table = new Map<number, Entry<V>>();
  #size = 0;
  constructor(readonly limit: number) {}

  static hash(buf: Uint8Array, start: number, end: number, kind: number): number {
    let h = (0x811c9dc5 ^ kind) | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    // 30 bits: a small integer V8 never boxes.
    return (h ^ (h >>> 30)) & 0x3fffffff;
  }

  get(buf: Uint8Array, start: number, end: number, kind: number, hash: number): Entry<V> | undefined {
    let e = this.#table.get(hash);
    const len = end - start;
    while (e !== undefined) {
      const b = e.bytes;
      if (b.length === len && e.kind === kind) {
        let i = 0;
        while (i < len && b[i] === buf[start + i]) i++;
        if (i === len) return e;
      }
      e = e.next;
    }
    return undefined;
  }

  set(buf: Uint8Array, start: number, end: number, kind: number, hash: number, value: V): void {
    if (this.#size >= this.limit) {
      this.#table.clear();
      this.#size = 0;
    }
    this.#size++;
    this.#table.set(hash, { bytes: buf.slice(start, end), kind, value, next: this.#table.get(hash) });
  }
}
