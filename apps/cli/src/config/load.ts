import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { readInput } from '../files.js';
import { DEFAULT_MAX_INPUT_MB } from '../files.js';
import { printIssues } from '../print-issues.js';
import type { Io } from '../stdio.js';
import { ConfigSchema, type Config } from './schema.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { DocumentPath, InputIssue } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** A config file read and validated. */
export interface LoadedConfig {
  /** The file as messages name it: relative to the working directory (or as given with `--config`). */
  readonly file: string;
  /** Its directory, absolute: relative paths in it are read from there. */
  readonly dir: string;
  readonly config: Config;
  /** `file:line path` of a key, e.g. `pt.config.yaml:7 slo.files`. */
  readonly where: (path: DocumentPath) => string;
}

/** Keys that name a secret: refused wherever they are, with a message that never echoes the value. */
const CREDENTIAL_KEY =
  /token|passw(?:or)?d|secret|api[-_]?key|access[-_]?key|private[-_]?key|credential|authori[sz]ation|bearer|cookie|^(?:auth|user|username|pass)$/i;

export const CREDENTIALS_ELSEWHERE =
  'looks like a credential: credentials never go in the config file; set them in the environment (PT_PROMETHEUS_TOKEN, or PT_PROMETHEUS_USER and PT_PROMETHEUS_PASSWORD)';

interface Problem {
  readonly path: DocumentPath;
  readonly message: string;
}

/** Every key that looks like a credential, at any depth. */
function credentialKeys(value: unknown, path: (string | number)[] = []): Problem[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => credentialKeys(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    CREDENTIAL_KEY.test(key)
      ? [{ path: [...path, key], message: CREDENTIALS_ELSEWHERE }]
      : credentialKeys(item, [...path, key]),
  );
}

/**
 * YAML reads an unquoted `2026-11-28` or `2026-11-28T00:00:00Z` as a date: written back as the
 * text `--at` takes (a date at UTC midnight as the day, else ISO 8601).
 */
function undate(value: unknown): unknown {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(undate);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, undate(v)]));
  }
  return value;
}

export type ConfigParseResult =
  | { readonly ok: true; readonly config: Config; readonly where: (path: DocumentPath) => string }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Parses a config file (JSON by a `.json` name, else YAML) and validates it against the schema:
 * unknown keys and keys that look like credentials refused, every problem located by line.
 */
export function parseConfig(lib: Toolkit, text: string, file: string): ConfigParseResult {
  let raw: unknown;
  let source = text;
  let locate: (paths: readonly DocumentPath[]) => Map<string, number>;
  if (file.toLowerCase().endsWith('.json')) {
    const loaded = lib.loadJson(text, file);
    if ('issue' in loaded) return { ok: false, issues: [loaded.issue] };
    raw = loaded.value;
    locate = (paths) => lib.locateInJson(source, paths);
  } else {
    const loaded = lib.loadYaml(text, { file, documents: 'one' });
    if (!loaded.ok) return { ok: false, issues: [loaded.issue] };
    raw = loaded.documents[0];
    source = loaded.text;
    locate = (paths) => lib.locateInYaml(source, paths, loaded.events);
  }
  // An empty file is an empty configuration.
  raw = undate(raw ?? {});
  const secrets = credentialKeys(raw);
  const refused = new Set(secrets.map((s) => lib.formatPath(s.path)));
  const problems: Problem[] = [...secrets];
  const prometheus = (raw as { slo?: { prometheus?: unknown } }).slo?.prometheus;
  if (typeof prometheus === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(prometheus)) {
    problems.push({
      path: ['slo', 'prometheus'],
      message: `must not carry a user or password (user:password@): ${CREDENTIALS_ELSEWHERE.slice(CREDENTIALS_ELSEWHERE.indexOf('set them'))}`,
    });
  }
  const parsed = ConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const found of parsed.error.issues.flatMap((issue) => lib.messagesOf(issue))) {
      if (!refused.has(lib.formatPath(found.path))) problems.push(found);
    }
  }
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, issues: lib.locatedIssues(problems, { file, text: source, locate }) };
  }
  const where = (path: DocumentPath) => {
    const [issue] = lib.locatedIssues([{ path, message: '' }], { file, text: source, locate });
    const line = issue?.line === undefined ? '' : `:${issue.line}`;
    return `${file}${line} ${lib.formatPath(path)}`;
  };
  return { ok: true, config: parsed.data, where };
}

/** The file as messages name it: relative to the working directory, unless that climbs out of it far. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || isAbsolute(rel) ? path : rel;
}

/** Reads and validates the config file; its problems go to stderr, then the load fails with `E_INVALID`. */
export async function loadConfig(lib: Toolkit, path: string, cwd: string, io: Io): Promise<LoadedConfig> {
  const absolute = resolve(cwd, path);
  const file = shown(absolute, cwd);
  const text = await readInput(absolute, DEFAULT_MAX_INPUT_MB * 1024 * 1024, io).catch((error: unknown) => {
    throw error instanceof CliError ? new CliError(error.code, error.message.replace(absolute, file)) : error;
  });
  const result = parseConfig(lib, text, file);
  if (!result.ok) {
    await printIssues(lib.formatIssue, result.issues, io, 'pt config');
    const n = result.issues.length;
    throw new CliError('E_INVALID', `${file} is not a valid pt config file (${n} problem${n === 1 ? '' : 's'})`);
  }
  return { file, dir: dirname(absolute), config: result.config, where: result.where };
}
