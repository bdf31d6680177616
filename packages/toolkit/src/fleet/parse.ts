import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { constructFromEvents, EVENT_ID, parseEvents, type Event } from 'js-yaml';
import { FleetSchema, findDuplicates, type Fleet } from './schema.js';
import { formatPath, messagesOf, type DocumentPath, type InputIssue } from './issues.js';
import { lineColumns, locateInJson, locateInYaml, offsetOf, pathKey, type Offsets } from './locate.js';

/** Input formats of a fleet file. `auto` picks JSON for `.json` names or text starting with `{`/`[`. */
export type FleetFormat = 'yaml' | 'json' | 'auto';

export interface ParseFleetOptions {
  /** Name used in messages (`fleet.yaml:14 …`). Default `<input>`. */
  readonly filename?: string;
  /** Default `auto`. */
  readonly format?: FleetFormat;
  /** Most YAML nodes aliases may expand to, as a multiple of the nodes written out. Default 10. */
  readonly maxAliasExpansion?: number;
  /** Deepest nesting accepted. Default 64 (a fleet file needs 5). */
  readonly maxDepth?: number;
}

/** The fleet, or every problem found in the input, located. Never throws for bad input. */
export type FleetParseResult =
  { readonly ok: true; readonly fleet: Fleet } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** The file name in messages when the caller gives none. */
const UNNAMED_INPUT = '<input>';

/** Expanded node counts below this are never "too large", however much aliases multiply them. */
const EXPANSION_FLOOR = 100_000;

function resolveFormat(text: string, filename: string, format: FleetFormat): 'yaml' | 'json' {
  if (format !== 'auto') return format;
  const lower = filename.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

function fail(issues: InputIssue[]): FleetParseResult {
  return { ok: false, issues };
}

function syntaxIssue(file: string, message: string, text?: string, offset?: number): InputIssue {
  if (text === undefined || offset === undefined) return { code: 'E_SYNTAX', file, path: '', message };
  const at = lineColumns(text, [offset]).get(offset);
  return { code: 'E_SYNTAX', file, path: '', message, ...(at ?? {}) };
}

/** `ValueExpected` → `value expected`. */
function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Parses JSON with `JSON.parse`; on failure locates the first error with a tolerant scanner.
 * The message is one line and never quotes the input (Node's own message may embed it).
 */
export function loadJson(text: string, file: string): { value: unknown } | { issue: InputIssue } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const detail = first === undefined ? 'not valid JSON' : humanize(printParseErrorCode(first.error));
    return { issue: syntaxIssue(file, `JSON syntax error: ${detail}`, text, first?.offset ?? text.length) };
  }
}

/** Counts the nodes a value expands to, sharing nothing; stops past `limit`. Detects cycles. */
function expandedSize(value: unknown, limit: number): number | 'cycle' {
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

function loadYaml(
  text: string,
  file: string,
  options: { maxAliasExpansion: number; maxDepth: number },
): { value: unknown; events: Event[] } | { issue: InputIssue } {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { filename: file, maxDepth: options.maxDepth });
    documents = constructFromEvents(events, { source: text, filename: file });
  } catch (error) {
    const e = error as { reason?: unknown; mark?: { line?: number; column?: number }; message?: unknown };
    const reason = typeof e.reason === 'string' ? e.reason : String(e.message ?? error);
    const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : undefined;
    const column = typeof e.mark?.column === 'number' ? e.mark.column + 1 : undefined;
    return {
      issue: {
        code: 'E_SYNTAX',
        file,
        path: '',
        message: `YAML syntax error: ${reason}`,
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      },
    };
  }
  if (documents.length > 1) {
    return { issue: syntaxIssue(file, `expected one YAML document, found ${documents.length}`) };
  }
  const value = documents[0];
  let nodes = 0;
  let aliases = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.ALIAS) aliases++;
    else if (event.type !== EVENT_ID.POP && event.type !== EVENT_ID.DOCUMENT) nodes++;
  }
  if (aliases > 0) {
    const limit = Math.max(EXPANSION_FLOOR, nodes * options.maxAliasExpansion);
    const size = expandedSize(value, limit);
    if (size === 'cycle') return { issue: syntaxIssue(file, 'YAML aliases form a cycle') };
    if (size > limit) {
      return {
        issue: {
          code: 'E_TOO_LARGE',
          file,
          path: '',
          message: `YAML aliases expand ${nodes} written nodes beyond ${limit} nodes; refusing to read further`,
        },
      };
    }
  }
  return { value, events };
}

/**
 * Validates a parsed value against the fleet schema. `locate` maps failing paths to offsets in
 * the source text (omit it for values that have no text, e.g. built in code).
 */
export function validateFleet(
  value: unknown,
  options: { filename?: string; text?: string; locate?: (paths: readonly DocumentPath[]) => Offsets } = {},
): FleetParseResult {
  const file = options.filename ?? UNNAMED_INPUT;
  if (value === undefined || value === null) {
    return fail([
      {
        code: 'E_SCHEMA',
        file,
        path: '',
        message: 'the document is empty; expected a Fleet mapping (apiVersion, kind, services)',
      },
    ]);
  }
  const result = FleetSchema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, fleet: result.data };

  const problems = result.error.issues.flatMap(messagesOf);
  const reported = new Set(problems.map((p) => `${pathKey(p.path)}\u0001${p.message}`));
  for (const duplicate of findDuplicates(value)) {
    if (!reported.has(`${pathKey(duplicate.path)}\u0001${duplicate.message}`)) problems.push(duplicate);
  }
  let offsets: Offsets = new Map();
  if (options.locate !== undefined) {
    try {
      offsets = options.locate(problems.map((p) => p.path));
    } catch {
      // Locating is best effort: the issues are still reported, without lines.
    }
  }
  const positions =
    options.text === undefined
      ? new Map<number, { line: number; column: number }>()
      : lineColumns(options.text, [...offsets.values()]);
  const issues = problems.map(({ path, message }, order) => {
    const offset = offsetOf(offsets, path);
    const at = offset === undefined ? undefined : positions.get(offset);
    const issue: InputIssue = { code: 'E_SCHEMA', file, path: formatPath(path), message, ...(at ?? {}) };
    return { issue, order };
  });
  issues.sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.order - b.order);
  return fail(issues.map((i) => i.issue));
}

/**
 * Parses a fleet file (YAML or JSON text) and validates it. Every problem is collected and
 * located (`file:line path: message`); bad input never throws.
 */
export function parseFleet(text: string, options: ParseFleetOptions = {}): FleetParseResult {
  const file = options.filename ?? UNNAMED_INPUT;
  try {
    return parseFleetText(text, file, options);
  } catch (error) {
    // A last line of defence: parsers can still run out of stack on pathological input.
    const reason =
      error instanceof RangeError
        ? 'the document is nested or aliased too deeply'
        : error instanceof Error
          ? error.message
          : String(error);
    return fail([{ code: 'E_SYNTAX', file, path: '', message: `cannot read the document: ${reason}` }]);
  }
}

function parseFleetText(text: string, file: string, options: ParseFleetOptions): FleetParseResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = resolveFormat(source, file, options.format ?? 'auto');
  if (format === 'json') {
    const loaded = loadJson(source, file);
    if ('issue' in loaded) return fail([loaded.issue]);
    return validateFleet(loaded.value, {
      filename: file,
      text: source,
      locate: (paths) => locateInJson(source, paths),
    });
  }
  const loaded = loadYaml(source, file, {
    maxAliasExpansion: options.maxAliasExpansion ?? 10,
    maxDepth: options.maxDepth ?? 64,
  });
  if ('issue' in loaded) return fail([loaded.issue]);
  const { value, events } = loaded;
  return validateFleet(value, { filename: file, text: source, locate: (paths) => locateInYaml(source, paths, events) });
}
