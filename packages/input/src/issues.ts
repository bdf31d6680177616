import { printable } from './text.js';
import type { z } from 'zod';

/** A path into a document: object keys and array indexes. */
export type DocumentPath = readonly (string | number)[];

/** One problem found in an input file, located as precisely as the input allows. */
export interface InputIssue {
  /**
   * `E_SYNTAX` unreadable text; `E_SCHEMA` invalid content; `E_TOO_LARGE` over a size or alias
   * limit; `E_REFERENCE` an unresolved reference; `E_DUPLICATE` a name defined twice.
   */
  readonly code: 'E_SYNTAX' | 'E_SCHEMA' | 'E_TOO_LARGE' | 'E_REFERENCE' | 'E_DUPLICATE';
  /** Warnings are printed (`warning: …`) and the input is still used; default error. */
  readonly severity?: 'error' | 'warning';
  /** The file name given to the parser (`-` or `<stdin>` for standard input). */
  readonly file: string;
  /** 1-based index of the YAML document in a multi-document file, printed `(document N)`. */
  readonly document?: number;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** Where in the document, e.g. `services[3].slos[0].target`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['services', 3, 'slos', 0, 'target']` → `services[3].slos[0].target`. */
export function formatPath(path: DocumentPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    // A key from input is shown quoted and, like all text from input, printable.
    else out += `[${printable(JSON.stringify(segment))}]`;
  }
  return out;
}

/**
 * `fleet.yaml:14 services[3].slos[0].target: must be <= 100, got 1000`; with a document index,
 * `slos.yaml:12 (document 1) spec.objectives[0].target: must be <= 1, got 99.9`.
 */
export function formatIssue(issue: InputIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const column = issue.code === 'E_SYNTAX' && issue.column !== undefined ? `:${issue.column}` : '';
  const document = issue.document === undefined ? '' : ` (document ${issue.document})`;
  const path = issue.path === '' ? '' : ` ${issue.path}`;
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  return `${where}${column}${document}${path}: ${prefix}${issue.message}`;
}

/** A short, safe rendering of an offending value for a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    // JSON escapes C0 controls; the sanitizer the rest (C1, bidi, zero-width).
    return printable(JSON.stringify(shown));
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'int':
      return 'an integer';
    default:
      return `a ${expected}`;
  }
}

/** A message for one place in a document. */
export interface PathMessage {
  readonly path: DocumentPath;
  readonly message: string;
}

export interface MessageOptions {
  /** Prepended to every path (e.g. the document index). */
  readonly base?: DocumentPath;
  /**
   * A domain's own wording for the issues its users know in that form (e.g. a union of several
   * forms); `undefined` falls back to the common wording.
   */
  readonly wording?: (issue: z.core.$ZodIssue, path: DocumentPath, got: string) => PathMessage[] | undefined;
}

/** One zod issue (with its input) → the messages `pt` prints, with their paths. */
export function messagesOf(issue: z.core.$ZodIssue): PathMessage[] {
  return wordIssue(issue, {});
}

/** {@link messagesOf} with a base path and a domain's own wording for some issues. */
export function messagesWith(options: MessageOptions): (issue: z.core.$ZodIssue) => PathMessage[] {
  return (issue) => wordIssue(issue, options);
}

function wordIssue(issue: z.core.$ZodIssue, options: MessageOptions): PathMessage[] {
  const path = [...(options.base ?? []), ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  const got = describeValue(issue.input);
  const absent = issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom';
  if (absent) return [{ path, message: 'is required' }];
  const own = options.wording?.(issue, path, got);
  if (own !== undefined) return own;
  switch (issue.code) {
    case 'invalid_type': {
      if (typeof issue.input === 'number' && issue.expected === 'number') {
        return [{ path, message: `must be a finite number, got ${got}` }];
      }
      return [{ path, message: `must be ${typeName(issue.expected)}, got ${got}` }];
    }
    case 'too_big': {
      const op = issue.inclusive === false ? '<' : '<=';
      if (issue.origin === 'string') return [{ path, message: `must be at most ${String(issue.maximum)} characters` }];
      return [{ path, message: `must be ${op} ${String(issue.maximum)}, got ${got}` }];
    }
    case 'too_small': {
      // One wording for "at least one" of a text or a list.
      const nonEmpty = (issue.origin === 'string' || issue.origin === 'array') && Number(issue.minimum) === 1;
      if (nonEmpty) return [{ path, message: 'must not be empty' }];
      const op = issue.inclusive === false ? '>' : '>=';
      return [{ path, message: `must be ${op} ${String(issue.minimum)}, got ${got}` }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown key' }));
    case 'invalid_value':
      return [{ path, message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${got}` }];
    case 'custom':
      // Issues raised with `params: { complete: true }` already name the value.
      if (issue.params?.['complete'] === true) return [{ path, message: issue.message }];
      return [{ path, message: `${issue.message}, got ${got}` }];
    case 'invalid_key':
      // A key of a mapping (a team in `budgets.teams`) that its own schema refused.
      return issue.issues.flatMap((inner) =>
        wordIssue({ ...inner, input: issue.input } as z.core.$ZodIssue, {}).map((m) => ({
          path,
          message: `key ${m.message}`,
        })),
      );
    case 'invalid_format':
      return [{ path, message: `${issue.message}, got ${got}` }];
    default:
      return [{ path, message: issue.message }];
  }
}
