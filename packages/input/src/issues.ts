import type { z } from 'zod';

/** A path into a document: object keys and array indexes. */
export type DocumentPath = readonly (string | number)[];

/** One problem found in an input file, located as precisely as the input allows. */
export interface InputIssue {
  /** `E_SYNTAX`, `E_SCHEMA` or `E_TOO_LARGE`. */
  readonly code: 'E_SYNTAX' | 'E_SCHEMA' | 'E_TOO_LARGE';
  /** The file name given to the parser (`-` or `<stdin>` for standard input). */
  readonly file: string;
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
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `fleet.yaml:14 services[3].slos[0].target: must be <= 100, got 1000`. */
export function formatIssue(issue: InputIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const column = issue.code === 'E_SYNTAX' && issue.column !== undefined ? `:${issue.column}` : '';
  const path = issue.path === '' ? '' : ` ${issue.path}`;
  return `${where}${column}${path}: ${issue.message}`;
}

/** A short, safe rendering of an offending value for a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
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

/** One zod issue (with its input) → the messages `pt` prints, with their paths. */
export function messagesOf(issue: z.core.$ZodIssue): { path: DocumentPath; message: string }[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const got = describeValue(issue.input);
  const absent = issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom';
  if (absent) return [{ path, message: 'is required' }];
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
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return [{ path, message: 'must not be empty' }];
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
    case 'invalid_format':
      return [{ path, message: `${issue.message}, got ${got}` }];
    default:
      return [{ path, message: issue.message }];
  }
}
