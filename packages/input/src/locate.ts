import { visit, type JSONPath } from 'jsonc-parser';
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { formatPath, type DocumentPath, type InputIssue } from './issues.js';

/** Where a path was found: a 0-based offset into the text. */
export type Offsets = Map<string, number>;

/** A stable key for a path (segments cannot contain NUL in practice; indexes are prefixed). */
export function pathKey(path: DocumentPath): string {
  return path.map((p) => (typeof p === 'number' ? `#${p}` : `.${p}`)).join('\u0000');
}

/** Every prefix of every path, as keys: a path that cannot be found falls back to its parent. */
function wantedKeys(paths: readonly DocumentPath[]): Set<string> {
  const keys = new Set<string>();
  for (const path of paths) for (let i = 0; i <= path.length; i++) keys.add(pathKey(path.slice(0, i)));
  return keys;
}

interface Frame {
  readonly kind: 'document' | 'mapping' | 'sequence' | 'skip';
  readonly path: (string | number)[];
  index: number;
  expectingKey: boolean;
  pendingKey: string | null;
  keyOffset: number;
}

function nodeOffset(event: Event): number {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      return event.anchorStart >= 0 ? Math.min(event.anchorStart, event.valueStart) : event.valueStart;
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.start;
    case EVENT_ID.ALIAS:
      return event.anchorStart;
    default:
      return -1;
  }
}

/**
 * Offsets of `paths` in a YAML text, from js-yaml's position-carrying event stream: in its first
 * document, or with `documents: 'all'` in every document, the first segment of each path being
 * the 0-based document index. A mapping value is located at its key (that is the line a person
 * looks at). Only called once validation has failed, so the happy path never pays for it.
 */
export function locateInYaml(
  text: string,
  paths: readonly DocumentPath[],
  events?: readonly Event[],
  options: { readonly documents?: 'first' | 'all' } = {},
): Offsets {
  const all = options.documents === 'all';
  const wanted = wantedKeys(paths);
  const found: Offsets = new Map();
  const stream = events ?? parseEvents(text, {});
  const stack: Frame[] = [];
  let documents = 0;
  const record = (path: (string | number)[], offset: number) => {
    const key = pathKey(path);
    if (offset >= 0 && wanted.has(key) && !found.has(key)) found.set(key, offset);
  };
  const frame = (kind: Frame['kind'], path: (string | number)[]): Frame => ({
    kind,
    path,
    index: 0,
    expectingKey: true,
    pendingKey: null,
    keyOffset: -1,
  });

  for (const event of stream) {
    if (event.type === EVENT_ID.DOCUMENT) {
      documents++;
      if (documents > 1 && !all) break;
      stack.length = 0;
      stack.push(frame('document', all ? [documents - 1] : []));
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack.at(-1);
    if (parent === undefined) continue;
    const isCollection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    let path: (string | number)[] | null = null;
    let offset = nodeOffset(event);

    if (parent.kind === 'skip') {
      path = null;
    } else if (parent.kind === 'mapping' && parent.expectingKey) {
      parent.expectingKey = false;
      parent.pendingKey = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : null;
      parent.keyOffset = offset;
      if (isCollection) stack.push(frame('skip', []));
      continue;
    } else if (parent.kind === 'mapping') {
      parent.expectingKey = true;
      if (parent.pendingKey !== null) {
        path = [...parent.path, parent.pendingKey];
        offset = parent.keyOffset;
      }
    } else if (parent.kind === 'sequence') {
      path = [...parent.path, parent.index++];
    } else {
      path = parent.path;
    }

    if (path !== null) record(path, offset);
    if (isCollection) {
      const kind = path === null ? 'skip' : event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence';
      stack.push(frame(kind, path ?? []));
    }
  }
  return found;
}

/**
 * Offsets of `paths` in a JSON text, in one pass of a tolerant scanner; a property value is
 * located at its key. Only called once parsing or validation has failed.
 */
export function locateInJson(text: string, paths: readonly DocumentPath[]): Offsets {
  const wanted = wantedKeys(paths);
  const found: Offsets = new Map();
  const record = (path: DocumentPath, offset: number) => {
    const key = pathKey(path);
    if (wanted.has(key) && !found.has(key)) found.set(key, offset);
  };
  // A value inside an array is located at its own start; inside an object, at its key.
  const atValue = (offset: number, pathSupplier: () => JSONPath) => {
    const path = pathSupplier();
    if (typeof path.at(-1) === 'number' || path.length === 0) record(path, offset);
  };
  visit(
    text,
    {
      onObjectProperty: (property, offset, _length, _line, _column, pathSupplier) =>
        record([...pathSupplier(), property], offset),
      onObjectBegin: (offset, _length, _line, _column, pathSupplier) => atValue(offset, pathSupplier),
      onArrayBegin: (offset, _length, _line, _column, pathSupplier) => atValue(offset, pathSupplier),
      onLiteralValue: (_value, offset, _length, _line, _column, pathSupplier) => atValue(offset, pathSupplier),
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return found;
}

/** The offset for `path`, or for its nearest located ancestor. */
export function offsetOf(offsets: Offsets, path: DocumentPath): number | undefined {
  for (let i = path.length; i >= 0; i--) {
    const offset = offsets.get(pathKey(path.slice(0, i)));
    if (offset !== undefined) return offset;
  }
  return undefined;
}

/** Converts offsets to 1-based lines and columns in one pass over the text. */
export function lineColumns(text: string, offsets: readonly number[]): Map<number, { line: number; column: number }> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, { line: number; column: number }>();
  let line = 1;
  let lineStart = 0;
  // The next line break at or after `lineStart`; -1 once there is none (each is searched once).
  let nextBreak = text.indexOf('\n');
  for (const offset of sorted) {
    while (nextBreak !== -1 && nextBreak < offset) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    out.set(offset, { line, column: offset - lineStart + 1 });
  }
  return out;
}

/** A problem found in a document, before it is located: its path and message. */
export interface Problem {
  readonly path: DocumentPath;
  readonly message: string;
  /** Default `E_SCHEMA`. */
  readonly code?: InputIssue['code'];
  readonly severity?: 'error' | 'warning';
}

export interface LocateIssuesOptions {
  readonly file: string;
  /** The text the problems were found in; without it, issues have no line. */
  readonly text?: string;
  /** Offsets of paths in `text` (best effort: a locator that throws leaves the issues unlocated). */
  readonly locate?: (paths: readonly DocumentPath[]) => Offsets;
  /**
   * Paths that start with a 0-based document index: `field` puts it in `document` (1-based,
   * printed `(document N)`); `path` prints `document N` before the path when `count` > 1.
   */
  readonly documents?: { readonly show: 'field' | 'path'; readonly count?: number };
}

/** Problems → issues located by line and column, in file order (the order found breaks ties). */
export function locatedIssues(problems: readonly Problem[], options: LocateIssuesOptions): InputIssue[] {
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
  const documents = options.documents;
  const issues = problems.map((problem, order) => {
    const offset = offsetOf(offsets, problem.path);
    const at = offset === undefined ? undefined : positions.get(offset);
    let path = formatPath(problem.path);
    let document: { document: number } | undefined;
    if (documents !== undefined) {
      const index = Number(problem.path[0]);
      const inner = formatPath(problem.path.slice(1));
      if (documents.show === 'field') {
        path = inner;
        document = { document: index + 1 };
      } else path = (documents.count ?? 1) > 1 ? `document ${index + 1} ${inner}`.trim() : inner;
    }
    const issue: InputIssue = {
      code: problem.code ?? 'E_SCHEMA',
      ...(problem.severity === undefined ? {} : { severity: problem.severity }),
      file: options.file,
      ...(document ?? {}),
      ...(at ?? {}),
      path,
      message: problem.message,
    };
    return { issue, order };
  });
  issues.sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.order - b.order);
  return issues.map((i) => i.issue);
}
