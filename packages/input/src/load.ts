import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { constructFromEvents, EVENT_ID, parseEvents, type Event } from 'js-yaml';
import { lineColumns } from './locate.js';
import { printable } from './text.js';
import type { InputIssue } from './issues.js';

/** Deepest nesting a YAML input may have by default (a fleet file needs 5). */
export const DEFAULT_MAX_DEPTH = 64;

/** Expanded node counts below this are never "too large", however much aliases multiply them. */
export const ALIAS_EXPANSION_FLOOR = 100_000;

/** The text without its byte order mark, if it has one. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A syntax issue, located at `offset` of `text` when both are given. */
export function syntaxIssue(file: string, message: string, text?: string, offset?: number): InputIssue {
  if (text === undefined || offset === undefined) return { code: 'E_SYNTAX', file, path: '', message };
  const at = lineColumns(text, [offset]).get(offset);
  return { code: 'E_SYNTAX', file, path: '', message, ...(at ?? {}) };
}

/** The issue for a text over `maxChars` characters, or undefined when it is within the limit. */
export function sizeIssue(text: string, file: string, maxChars: number | undefined): InputIssue | undefined {
  if (maxChars === undefined || text.length <= maxChars) return undefined;
  return {
    code: 'E_TOO_LARGE',
    file,
    path: '',
    message: `the input is ${text.length} characters, over the limit of ${maxChars}; refusing to read it`,
  };
}

/** `ValueExpected` → `value expected`. */
function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first key of valid JSON `text` that repeats within its object (`JSON.parse` would keep the
 * last and drop the rest silently), with the offset of the repetition; undefined when none does.
 * One pass; strings are skipped with `indexOf`, so a 65 MB fleet costs a fraction of its parse.
 */
export function duplicateJsonKey(text: string): { readonly key: string; readonly offset: number } | undefined {
  /** One entry per open container: the keys seen so far of an object, null for an array. */
  const open: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0) return undefined; // not valid JSON: JSON.parse says so
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      const keys = open[open.length - 1];
      if (expectingKey && keys !== undefined && keys !== null) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (keys.has(key)) return { key, offset: i };
        keys.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      open.push(new Set());
      expectingKey = true;
    } else if (c === 0x5b /* [ */) {
      open.push(null);
      expectingKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
      expectingKey = false;
    } else if (c === 0x2c /* , */) {
      expectingKey = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/** The located issue of a repeated key found by {@link duplicateJsonKey}. */
export function duplicateKeyIssue(
  file: string,
  text: string,
  found: { readonly key: string; readonly offset: number },
): InputIssue {
  const key = found.key.length > 80 ? `${found.key.slice(0, 79)}…` : found.key;
  return syntaxIssue(file, `JSON syntax error: duplicate key "${printable(key)}"`, text, found.offset);
}

/** A JSON text read, or its first problem located. */
export type JsonLoad = { readonly value: unknown } | { readonly issue: InputIssue };

/**
 * Parses JSON with `JSON.parse`; on failure locates the first error with a tolerant scanner. A key
 * repeated within an object is refused, located, as YAML inputs refuse it (JSON.parse would keep
 * the last one silently).
 * The message is one line and never quotes the input (Node's own message may embed it). A byte
 * order mark is the caller's to strip (the located column counts from the text given).
 */
export function loadJson(text: string, file: string, options: { readonly maxChars?: number } = {}): JsonLoad {
  const tooLarge = sizeIssue(text, file, options.maxChars);
  if (tooLarge !== undefined) return { issue: tooLarge };
  try {
    const value = JSON.parse(text) as unknown;
    const duplicate = duplicateJsonKey(text);
    if (duplicate !== undefined) return { issue: duplicateKeyIssue(file, text, duplicate) };
    return { value };
  } catch (error) {
    const errors: ParseError[] = [];
    try {
      parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    } catch {
      // The scanner recurses: nesting deeper than the stack allows. JSON.parse does not, and its
      // message names the offset ("… in JSON at position 200079"); only the number is used.
      const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
      const offset = position === undefined ? text.length : Math.min(Number(position), text.length);
      return { issue: syntaxIssue(file, 'JSON syntax error: not valid JSON', text, offset) };
    }
    const first = errors[0];
    const detail = first === undefined ? 'not valid JSON' : humanize(printParseErrorCode(first.error));
    return { issue: syntaxIssue(file, `JSON syntax error: ${detail}`, text, first?.offset ?? text.length) };
  }
}

/** Counts the nodes a value expands to, sharing nothing; stops past `limit`. Detects cycles. */
export function expandedSize(value: unknown, limit: number): number | 'cycle' {
  const memo = new Map<object, number>();
  const active = new Set<object>();
  const visit = (v: unknown): number | 'cycle' => {
    if (v === null || typeof v !== 'object') return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    if (active.has(v)) return 'cycle';
    active.add(v);
    let size = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      const s = visit(child);
      if (s === 'cycle') return 'cycle';
      size += s;
      if (size > limit) break;
    }
    active.delete(v);
    memo.set(v, size);
    return size;
  };
  return visit(value);
}

/** Why the alias guard refused a YAML text: the nodes written, the limit, and a cycle or not. */
export interface AliasRefusal {
  readonly nodes: number;
  readonly limit: number;
  readonly cycle: boolean;
}

/**
 * The alias guard: refuses a value whose aliases expand beyond `maxAliasExpansion` times the
 * nodes written in `events` (never below {@link ALIAS_EXPANSION_FLOOR}), or form a cycle.
 * Undefined when the value is within the limit, or no alias is written.
 */
export function aliasRefusal(
  value: unknown,
  events: readonly Event[],
  maxAliasExpansion: number,
): AliasRefusal | undefined {
  let nodes = 0;
  let aliases = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.ALIAS) aliases++;
    else if (event.type !== EVENT_ID.POP && event.type !== EVENT_ID.DOCUMENT) nodes++;
  }
  if (aliases === 0) return undefined;
  const limit = Math.max(ALIAS_EXPANSION_FLOOR, nodes * maxAliasExpansion);
  const size = expandedSize(value, limit);
  if (size === 'cycle') return { nodes, limit, cycle: true };
  return size > limit ? { nodes, limit, cycle: false } : undefined;
}

export interface LoadYamlOptions {
  /** Name used in messages. */
  readonly file: string;
  /** Deepest nesting accepted. Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number;
  /**
   * Most nodes aliases may expand to, as a multiple of the nodes written; `false` leaves the
   * guard to the caller (e.g. one document at a time). Default 10.
   */
  readonly maxAliasExpansion?: number | false;
  /** `one`: a text with several documents is refused. Default `many`. */
  readonly documents?: 'one' | 'many';
  /** Longest text accepted, in characters. Default: no limit. */
  readonly maxChars?: number;
}

/** YAML documents read, with the events that locate a path in them once validation has failed. */
export interface LoadedYaml {
  readonly documents: readonly unknown[];
  readonly events: readonly Event[];
  /** The text read: without its byte order mark. */
  readonly text: string;
}

/** A YAML text read, or the one issue that stopped it (with the alias guard's figures, if it refused). */
export type YamlLoad =
  | ({ readonly ok: true } & LoadedYaml)
  | { readonly ok: false; readonly issue: InputIssue; readonly aliases?: AliasRefusal };

/**
 * Reads every document of a YAML text with js-yaml's position-carrying event stream: strips a
 * byte order mark, refuses texts over the size limit, nesting beyond `maxDepth`, aliases that
 * expand beyond the guard's limit, and locates a syntax error by line and column. Bad input
 * never throws (a parser running out of stack is reported as nesting too deep).
 */
export function loadYaml(text: string, options: LoadYamlOptions): YamlLoad {
  const { file } = options;
  const source = stripBom(text);
  const tooLarge = sizeIssue(source, file, options.maxChars);
  if (tooLarge !== undefined) return { ok: false, issue: tooLarge };
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(source, { filename: file, maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH });
    documents = constructFromEvents(events, { source, filename: file });
  } catch (error) {
    const e = error as { reason?: unknown; mark?: { line?: number; column?: number }; message?: unknown };
    const reason =
      error instanceof RangeError
        ? 'the document is nested too deeply'
        : typeof e.reason === 'string'
          ? e.reason
          : String(e.message ?? error);
    const line = typeof e.mark?.line === 'number' ? { line: e.mark.line + 1 } : {};
    const column = typeof e.mark?.column === 'number' ? { column: e.mark.column + 1 } : {};
    return {
      ok: false,
      issue: { code: 'E_SYNTAX', file, path: '', message: `YAML syntax error: ${reason}`, ...line, ...column },
    };
  }
  if (options.documents === 'one' && documents.length > 1) {
    return { ok: false, issue: syntaxIssue(file, `expected one YAML document, found ${documents.length}`) };
  }
  const maxAliasExpansion = options.maxAliasExpansion ?? 10;
  if (maxAliasExpansion !== false) {
    const refused = aliasRefusal(options.documents === 'one' ? documents[0] : documents, events, maxAliasExpansion);
    if (refused !== undefined) {
      const message = refused.cycle
        ? 'YAML aliases form a cycle'
        : `YAML aliases expand ${refused.nodes} written nodes beyond ${refused.limit} nodes; refusing to read further`;
      const code = refused.cycle ? 'E_SYNTAX' : 'E_TOO_LARGE';
      return { ok: false, issue: { code, file, path: '', message }, aliases: refused };
    }
  }
  return { ok: true, documents, events, text: source };
}
