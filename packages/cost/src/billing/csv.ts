/**
 * A push-style RFC 4180 CSV splitter: `write(text)` any chunks, `end()`; each record goes to
 * `onRecord(cells, line)` with the 1-based line it starts on. Quoted fields may hold commas,
 * doubled quotes and line breaks; `\n` and `\r\n` both end a record; blank lines are skipped.
 *
 * Why not a library here: on this hot path only ~10 of a FOCUS file's ~45 columns are read, and
 * skipping the others without copying them is the largest saving; and the fastest library
 * measured (`udsv` 0.7) silently drops rows with too few fields and merges extra fields into the
 * last cell, while we must report both. The tests check this splitter against `papaparse`.
 */
export class CsvSplitter {
  readonly #onRecord: (cells: string[], line: number) => void;
  /** Which columns to copy (by index); others come out as ''. Undefined: all. */
  #wanted: readonly boolean[] | undefined;
  /** Columns whose quoted text is returned raw: doubled quotes left doubled (cheap cache keys). */
  #raw: readonly boolean[] | undefined;
  #rest = '';
  #line = 1;
  #recordLength = 0;
  readonly #cells: string[] = [];

  constructor(onRecord: (cells: string[], line: number) => void) {
    this.#onRecord = onRecord;
  }

  /**
   * Copies only the `wanted` columns from now on (the others come out as ''); `raw` columns keep
   * the doubled quotes of a quoted cell (the caller unescapes with `replaceAll('""', '"')`).
   */
  select(wanted: readonly boolean[] | undefined, raw?: readonly boolean[]): void {
    this.#wanted = wanted;
    this.#raw = raw;
  }

  write(text: string): void {
    this.#scan(this.#rest === '' ? text : this.#rest + text, false);
  }

  /** Is an incomplete record waiting for more text (e.g. the text so far ends inside a quoted field)? */
  get pending(): boolean {
    return this.#rest !== '';
  }

  /** Characters of the incomplete record waiting for more text. */
  get pendingLength(): number {
    return this.#rest.length;
  }

  /** Characters of the record just passed to `onRecord` (line ending included). */
  get recordLength(): number {
    return this.#recordLength;
  }

  /** The 1-based line the next (or the incomplete) record starts on. */
  get line(): number {
    return this.#line;
  }

  end(): void {
    if (this.#rest !== '') this.#scan(this.#rest, true);
    this.#rest = '';
  }

  /** Splits complete records of `buf`; keeps an incomplete last one for the next chunk (unless final). */
  #scan(buf: string, final: boolean): void {
    const n = buf.length;
    const cells = this.#cells;
    const wantedCols = this.#wanted;
    const rawCols = this.#raw;
    let start = 0;
    // The next line feed at or after the current position (-1: none left in `buf`).
    let nl = buf.indexOf('\n');
    for (;;) {
      if (start >= n) {
        this.#rest = '';
        return;
      }
      cells.length = 0;
      let pos = start;
      let lines = 0;
      let complete = false;
      if (nl !== -1 && nl < pos) nl = buf.indexOf('\n', pos);
      for (;;) {
        const col = cells.length;
        const wanted = wantedCols === undefined || wantedCols[col] === true;
        let c = pos < n ? buf.charCodeAt(pos) : -1;
        if (c === 34 /* " */) {
          const raw = rawCols !== undefined && rawCols[col] === true;
          let seg = pos + 1;
          let value = '';
          let q;
          for (;;) {
            q = buf.indexOf('"', seg);
            if (q === -1 || (q + 1 >= n && !final)) break;
            if (buf.charCodeAt(q + 1) === 34) {
              if (wanted && !raw) value += buf.slice(seg, q + 1);
              seg = q + 2;
              continue;
            }
            break;
          }
          if (q === -1 || (q + 1 >= n && !final)) {
            if (!final) break; // incomplete quoted field: wait for more text
            q = n; // unterminated quote at the end of the input: take the rest
          }
          if (wanted) value = raw ? buf.slice(pos + 1, q) : value + buf.slice(seg, q);
          while (nl !== -1 && nl < q) {
            lines++;
            nl = buf.indexOf('\n', nl + 1);
          }
          pos = q + 1;
          // Text after a closing quote (malformed): keep it, as other parsers do.
          while (pos < n) {
            c = buf.charCodeAt(pos);
            if (c === 44 || c === 10 || c === 13) break;
            if (wanted) value += buf[pos];
            pos++;
          }
          cells.push(wanted ? value : '');
        } else {
          // Unquoted: up to the next comma or the end of the line, found by native search.
          const comma = buf.indexOf(',', pos);
          const end = nl === -1 ? (comma === -1 ? n : comma) : comma !== -1 && comma < nl ? comma : nl;
          if (wanted) {
            const valueEnd = end === nl && end > pos && buf.charCodeAt(end - 1) === 13 ? end - 1 : end;
            cells.push(buf.slice(pos, valueEnd));
          } else cells.push('');
          pos = end === nl && end > pos && buf.charCodeAt(end - 1) === 13 ? end - 1 : end;
        }
        if (pos >= n) {
          if (final) complete = true;
          break;
        }
        c = buf.charCodeAt(pos);
        if (c === 44) {
          pos++;
          continue;
        }
        if (c === 13) {
          if (pos + 1 >= n && !final) break; // a \r at the end of a chunk: \n may follow
          pos += buf.charCodeAt(pos + 1) === 10 ? 2 : 1;
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
      const first = buf.charCodeAt(start);
      const blank = cells.length === 1 && (first === 10 || first === 13 || start >= n);
      this.#recordLength = pos - start;
      start = pos;
      if (!blank) this.#onRecord(cells, line);
    }
  }
}
