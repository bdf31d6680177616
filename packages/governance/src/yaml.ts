import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';
import type { z } from 'zod';

/** One problem in a scorecard or catalog file, located (same shape as the fleet file's issues). */
export interface GovernanceIssue {
  readonly code: 'E_SYNTAX' | 'E_SCHEMA' | 'E_TOO_LARGE';
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** Where in the document, e.g. `rules[2].condition.gte`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

type Path = readonly (string | number)[];

/** Expanded node counts below this are never too large, however much aliases multiply them. */
const EXPANSION_FLOOR = 100_000;
const MAX_DEPTH = 64;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['rules', 2, 'condition']` → `rules[2].condition`. */
export function formatDocumentPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Counts the nodes a value expands to (aliases unshared); stops past `limit`. */
function expandedSize(value: unknown, limit: number, memo = new Map<object, number>()): number {
  if (value === null || typeof value !== 'object') return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, limit + 1); // a cycle counts as too large
  let size = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    size += expandedSize(child, limit, memo);
    if (size > limit) break;
  }
  memo.set(value, size);
  return size;
}

/** Parsed YAML documents with the events needed to locate paths in them later. */
export interface LoadedYaml {
  readonly documents: readonly unknown[];
  readonly events: readonly Event[];
  readonly text: string;
}

/** Parses every document of a YAML text; a syntax error or an alias bomb is one located issue. */
export function loadYamlDocuments(text: string, file: string): LoadedYaml | { issue: GovernanceIssue } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(source, { filename: file, maxDepth: MAX_DEPTH });
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
    return { issue: { code: 'E_SYNTAX', file, path: '', message: `YAML syntax error: ${reason}`, ...line, ...column } };
  }
  let nodes = 0;
  let aliases = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.ALIAS) aliases++;
    else if (event.type !== EVENT_ID.POP && event.type !== EVENT_ID.DOCUMENT) nodes++;
  }
  if (aliases > 0) {
    const limit = Math.max(EXPANSION_FLOOR, nodes * 10);
    if (expandedSize(documents, limit) > limit) {
      return {
        issue: { code: 'E_TOO_LARGE', file, path: '', message: `YAML aliases expand beyond ${limit} nodes` },
      };
    }
  }
  return { documents, events, text: source };
}

const key = (path: Path) => path.map((p) => (typeof p === 'number' ? `#${p}` : `.${p}`)).join('\u0000');

interface Frame {
  readonly kind: 'mapping' | 'sequence' | 'document' | 'skip';
  readonly path: (string | number)[];
  index: number;
  expectingKey: boolean;
  pendingKey: string | null;
  keyOffset: number;
}

/**
 * Offsets of paths in a YAML event stream; the first path segment is the document index. A
 * mapping value is located at its key. Used only once validation has failed.
 */
function locate(loaded: LoadedYaml, paths: readonly Path[]): Map<string, number> {
  const wanted = new Set<string>();
  for (const p of paths) for (let i = 0; i <= p.length; i++) wanted.add(key(p.slice(0, i)));
  const found = new Map<string, number>();
  const stack: Frame[] = [];
  let documents = -1;
  const frame = (kind: Frame['kind'], path: (string | number)[]): Frame => ({
    kind,
    path,
    index: 0,
    expectingKey: true,
    pendingKey: null,
    keyOffset: -1,
  });
  for (const event of loaded.events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      documents++;
      stack.push(frame('document', [documents]));
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack.at(-1);
    if (parent === undefined) continue;
    const collection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    let offset =
      event.type === EVENT_ID.SCALAR
        ? event.valueStart
        : event.type === EVENT_ID.ALIAS
          ? event.anchorStart
          : collection
            ? event.start
            : -1;
    let path: (string | number)[] | null = null;
    if (parent.kind === 'skip') path = null;
    else if (parent.kind === 'mapping' && parent.expectingKey) {
      parent.expectingKey = false;
      parent.pendingKey = event.type === EVENT_ID.SCALAR ? getScalarValue(loaded.text, event) : null;
      parent.keyOffset = offset;
      if (collection) stack.push(frame('skip', []));
      continue;
    } else if (parent.kind === 'mapping') {
      parent.expectingKey = true;
      if (parent.pendingKey !== null) {
        path = [...parent.path, parent.pendingKey];
        offset = parent.keyOffset;
      }
    } else if (parent.kind === 'sequence') path = [...parent.path, parent.index++];
    else path = parent.path;
    if (path !== null) {
      const k = key(path);
      if (offset >= 0 && wanted.has(k) && !found.has(k)) found.set(k, offset);
    }
    if (collection) {
      stack.push(frame(path === null ? 'skip' : event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', path ?? []));
    }
  }
  return found;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
};

const CONDITION_HINT = 'must be a condition: {fact, present|absent|equals|in|gt|gte|lt|lte|matches} or {all|any|not}';

/** zod issues → `{ path, message }`, choosing the closest branch of a failed union. */
export function issueMessages(issue: z.core.$ZodIssue, base: Path = []): { path: Path; message: string }[] {
  const path = [...base, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  const got = describe(issue.input);
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    return [{ path, message: 'is required' }];
  }
  switch (issue.code) {
    case 'invalid_union': {
      // The branch that got furthest: no unknown key at its root, fewest issues.
      const branches = issue.errors
        .filter((errors) => !errors.some((e) => e.code === 'unrecognized_keys' && e.path.length === 0))
        .filter((errors) => !errors.some((e) => e.code === 'invalid_type' && e.path.length === 0))
        .sort((a, b) => a.length - b.length);
      const best = branches[0];
      if (best === undefined || (branches[1] !== undefined && branches[1].length === best.length)) {
        if (issue.message !== 'Invalid input') return [{ path, message: `${issue.message}, got ${got}` }];
        return [{ path, message: typeof issue.input === 'object' ? CONDITION_HINT : `invalid value, got ${got}` }];
      }
      return best.flatMap((e) => issueMessages(e, path));
    }
    case 'invalid_type':
      return [
        { path, message: `must be ${issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}, got ${got}` },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: [...path, k], message: 'unknown key' }));
    case 'invalid_value':
      return [{ path, message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${got}` }];
    case 'too_small': {
      if (issue.origin === 'array') return [{ path, message: 'must not be empty' }];
      if (issue.origin === 'string') return [{ path, message: 'must not be empty' }];
      const op = issue.inclusive === false ? '>' : '>=';
      return [{ path, message: `must be ${op} ${String(issue.minimum)}, got ${got}` }];
    }
    case 'custom':
      return [{ path, message: issue.params?.['complete'] === true ? issue.message : `${issue.message}, got ${got}` }];
    default:
      return [{ path, message: `${issue.message}, got ${got}` }];
  }
}

/** Problems (paths start with the document index) → located issues, in file order. */
export function locatedIssues(
  loaded: LoadedYaml,
  file: string,
  problems: readonly { path: Path; message: string }[],
  documentCount: number,
): GovernanceIssue[] {
  const offsets = locate(
    loaded,
    problems.map((p) => p.path),
  );
  const issues = problems.map(({ path, message }, order) => {
    let at: { line: number; column: number } | undefined;
    for (let i = path.length; i >= 0 && at === undefined; i--) {
      const offset = offsets.get(key(path.slice(0, i)));
      if (offset !== undefined) at = lineColumn(loaded.text, offset);
    }
    const inner = formatDocumentPath(path.slice(1));
    const where = documentCount > 1 ? `document ${Number(path[0]) + 1} ${inner}`.trim() : inner;
    const issue: GovernanceIssue = {
      code: 'E_SCHEMA',
      file,
      path: where,
      message,
      ...(at === undefined ? {} : { line: at.line }),
    };
    return { issue, order };
  });
  issues.sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.order - b.order);
  return issues.map((i) => i.issue);
}
