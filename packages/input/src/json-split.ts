/**
 * Splits a JSON document, fed as byte chunks, into its top-level members and the items of one
 * list member (a fleet's `services`), each as UTF-8 text for `JSON.parse`. Memory stays at one item (plus the chunk
 * being read), whatever the file's size.
 *
 * The splitter checks the structure between the pieces it hands out (braces, brackets, commas,
 * colons, keys); every piece is checked by `JSON.parse` of the caller. It never locates errors:
 * on anything unexpected it stops with a reason, and the caller reads the file the ordinary way,
 * which locates them.
 */

/** What the splitter hands out, in file order. */
export interface JsonListSink {
  /** A top-level member other than the list: its key and its value's JSON text. */
  member(key: string, json: string): void;
  /** The list's key was reached: its items follow. */
  listStart(): void;
  /** One item of the list, as JSON text. */
  item(json: string): void;
}

/** Where the splitter is in the file. */
type Phase =
  | 'start' // before the top-level `{`
  | 'first-key' // after `{`: a key or `}`
  | 'key' // after `,`: a key
  | 'colon'
  | 'value'
  | 'member-end' // after a member: `,` or `}`
  | 'first-item' // after `<list>: [`: an item or `]`
  | 'item' // after `,` in the list: an item
  | 'item-end' // after an item: `,` or `]`
  | 'done'; // after the closing `}`: white space only

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** JSON white space: space, tab, line feed, carriage return. */
function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A key's text as a string, or undefined when it is not valid JSON. */
function parseKey(text: string): string | undefined {
  try {
    return JSON.parse(text) as string;
  } catch {
    return undefined;
  }
}

/** Thrown inside the splitter; turned into {@link JsonListSplitter.failure}. */
class NotSplittable extends Error {}

/**
 * A push parser: `push` every chunk, then `end`. After a failure it ignores further input and
 * `failure` says why.
 *
 * @example
 * const splitter = new JsonListSplitter('services', { member() {}, listStart() {}, item: (json) => items.push(JSON.parse(json)) });
 * for (const chunk of chunks) splitter.push(chunk);
 * splitter.end();
 */
export class JsonListSplitter {
  readonly #listKey: string;
  readonly #sink: JsonListSink;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Bytes not yet consumed: `#data[#start..#end)`; `#pos` is where scanning resumes. */
  #data = new Uint8Array(0);
  #start = 0;
  #end = 0;
  #pos = 0;
  /** Absolute offset of `#data[0]` in the input, for messages. */
  #base = 0;
  #phase: Phase = 'start';
  #atFileStart = true;
  /** Scanning a value that began at `#start`; its nesting depth and string state at `#pos`. */
  #inValue = false;
  #depth = 0;
  #inString = false;
  #key = '';
  readonly #keys = new Set<string>();
  #failure: string | undefined;

  constructor(listKey: string, sink: JsonListSink) {
    this.#listKey = listKey;
    this.#sink = sink;
  }

  /** Why splitting stopped, or undefined while all is well. */
  get failure(): string | undefined {
    return this.#failure;
  }

  /** Reads the next chunk of the file. */
  push(chunk: Uint8Array): void {
    if (this.#failure !== undefined || chunk.length === 0) return;
    this.#append(chunk);
    this.#run(false);
  }

  /** The file is complete: anything unfinished is a failure. */
  end(): void {
    if (this.#failure !== undefined) return;
    this.#run(true);
    if (this.#failure === undefined && this.#phase !== 'done') {
      this.#failure = this.#phase === 'start' ? 'the file is empty' : 'the file ends early';
    }
  }

  #append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#data.length) {
      // Drop what is consumed. Grow geometrically, so that an item spanning many chunks costs
      // linear time; otherwise move the unconsumed bytes to the front.
      const kept = this.#end - this.#start;
      const needed = kept + chunk.length;
      const data = needed > (this.#data.length * 3) / 4 ? new Uint8Array(Math.max(2 * needed, 64 * 1024)) : this.#data;
      if (data === this.#data) data.copyWithin(0, this.#start, this.#end);
      else data.set(this.#data.subarray(this.#start, this.#end), 0);
      this.#data = data;
      this.#base += this.#start;
      this.#pos -= this.#start;
      this.#start = 0;
      this.#end = kept;
    }
    this.#data.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  #fail(reason: string): never {
    throw new NotSplittable(`${reason} at byte ${this.#base + this.#pos}`);
  }

  #run(final: boolean): void {
    try {
      this.#step(final);
    } catch (error) {
      if (error instanceof NotSplittable) {
        this.#failure = error.message;
        return;
      }
      throw error;
    }
  }

  /** Skips white space; false when the chunk ran out first. */
  #skipSpace(): boolean {
    const data = this.#data;
    let pos = this.#pos;
    if (this.#atFileStart) {
      // A byte-order mark may open the file.
      if (this.#end - pos < 3) return false;
      if (data[pos] === 0xef && data[pos + 1] === 0xbb && data[pos + 2] === 0xbf) pos += 3;
      this.#atFileStart = false;
    }
    while (pos < this.#end && isSpace(data[pos] ?? 0)) pos++;
    this.#pos = pos;
    this.#start = pos;
    return pos < this.#end;
  }

  /**
   * Scans the value starting at `#start` up to its end. Returns its text once complete, or
   * undefined when more bytes are needed. `final`: no more bytes will come (a bare number ends).
   */
  #scanValue(final: boolean): string | undefined {
    const data = this.#data;
    const end = this.#end;
    if (!this.#inValue) {
      this.#inValue = true;
      this.#depth = 0;
      this.#inString = false;
      this.#pos = this.#start;
    }
    let pos = this.#pos;
    let depth = this.#depth;
    const first = data[this.#start];
    if (first === OPEN_BRACE || first === OPEN_BRACKET || first === QUOTE) {
      let complete = false;
      let inString = this.#inString;
      while (pos < end) {
        if (inString) {
          // On to the closing quote. A backslash skips the next byte, even one not read yet:
          // `#pos` may then stop one past the end, which is where the next chunk resumes.
          while (pos < end) {
            const byte = data[pos++];
            if (byte === BACKSLASH) pos++;
            else if (byte === QUOTE) {
              inString = false;
              break;
            }
          }
          if (inString) break;
          if (depth === 0) {
            complete = true;
            break;
          }
          continue;
        }
        const byte = data[pos++];
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
        else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) {
            complete = true;
            break;
          }
        }
      }
      if (!complete) {
        this.#pos = pos;
        this.#depth = depth;
        this.#inString = inString;
        if (final) this.#fail('unfinished value');
        return undefined;
      }
    } else {
      // A bare number, true, false or null: it ends at a delimiter or at the end of the file.
      while (pos < end) {
        const byte = data[pos] ?? 0;
        if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)) break;
        pos++;
      }
      if (pos === end && !final) {
        this.#pos = pos;
        return undefined;
      }
      if (pos === this.#start) this.#fail('a value is missing');
    }
    this.#inValue = false;
    let text: string;
    try {
      text = this.#decoder.decode(data.subarray(this.#start, pos));
    } catch {
      this.#fail('not valid UTF-8');
    }
    this.#pos = pos;
    this.#start = pos;
    return text;
  }

  #step(final: boolean): void {
    for (;;) {
      if (this.#phase === 'done') {
        if (this.#skipSpace()) this.#fail('more after the closing brace');
        return;
      }
      if (!this.#inValue && !this.#skipSpace()) {
        if (final && this.#atFileStart && this.#pos < this.#end) {
          // Fewer than three bytes: no byte-order mark to look for.
          this.#atFileStart = false;
          continue;
        }
        return;
      }
      const byte = this.#data[this.#pos] ?? 0;
      switch (this.#phase) {
        case 'start':
          if (byte !== OPEN_BRACE) this.#fail('not a JSON object');
          this.#consume();
          this.#phase = 'first-key';
          break;
        case 'first-key':
        case 'key': {
          if (byte === CLOSE_BRACE && this.#phase === 'first-key' && !this.#inValue) {
            this.#consume();
            this.#phase = 'done';
            break;
          }
          if (!this.#inValue && byte !== QUOTE) this.#fail('a key is missing');
          const text = this.#scanValue(final);
          if (text === undefined) return;
          const key = parseKey(text);
          if (key === undefined) this.#fail('a key is not a valid string');
          if (this.#keys.has(key)) this.#fail(`the key "${key}" repeats`);
          this.#keys.add(key);
          this.#key = key;
          this.#phase = 'colon';
          break;
        }
        case 'colon':
          if (byte !== COLON) this.#fail('a colon is missing');
          this.#consume();
          this.#phase = 'value';
          break;
        case 'value':
          if (this.#key === this.#listKey && !this.#inValue) {
            if (byte !== OPEN_BRACKET) this.#fail(`${this.#listKey} is not a list`);
            this.#consume();
            this.#sink.listStart();
            this.#phase = 'first-item';
          } else {
            const text = this.#scanValue(final);
            if (text === undefined) return;
            this.#sink.member(this.#key, text);
            this.#phase = 'member-end';
          }
          break;
        case 'member-end':
          if (byte === COMMA) this.#phase = 'key';
          else if (byte === CLOSE_BRACE) this.#phase = 'done';
          else this.#fail('a comma is missing');
          this.#consume();
          break;
        case 'first-item':
        case 'item': {
          if (byte === CLOSE_BRACKET && this.#phase === 'first-item' && !this.#inValue) {
            this.#consume();
            this.#phase = 'member-end';
            break;
          }
          if (!this.#inValue && (byte === CLOSE_BRACKET || byte === COMMA)) this.#fail('an item is missing');
          const text = this.#scanValue(final);
          if (text === undefined) return;
          this.#sink.item(text);
          this.#phase = 'item-end';
          break;
        }
        case 'item-end':
          if (byte === COMMA) this.#phase = 'item';
          else if (byte === CLOSE_BRACKET) this.#phase = 'member-end';
          else this.#fail('a comma is missing');
          this.#consume();
          break;
      }
    }
  }

  /** Steps over the one-byte token at `#pos`. */
  #consume(): void {
    this.#pos++;
    this.#start = this.#pos;
  }
}
