import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { listOption, stringOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { CliError } from '../errors.js';
import { describeFsError, readInput } from '../files.js';
import { note, write, type Io } from '../stdio.js';
import { MAX_PRINTED_ISSUES } from '../fleet/load-fleet.js';
import { at, maxInputBytes, readAt } from '../options.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { CatalogEntity, Fleet, GovernanceIssue, GovernanceOptions, Scorecard } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** Options that choose how services are scored on governance (`pt report`, `pt governance check`). */
export const GOVERNANCE_OPTIONS = {
  scorecard: {
    type: 'string',
    streamable: true,
    value: '<file>',
    description:
      "Scorecard file (YAML); default: the seed's five checks. Repeatable: each service is scored by every scorecard whose appliesTo it meets",
    multiple: true,
  },
  catalog: {
    type: 'string',
    streamable: true,
    value: '<dir>',
    description: 'Backstage catalog directory or file for service facts (repeatable)',
    multiple: true,
  },
  at: at('waiver-day'),
} as const satisfies Record<string, OptionSpec>;

/** Deepest folder nesting searched for catalog files. */
const MAX_CATALOG_DEPTH = 32;

/** Every `*.yaml`/`*.yml` file under `path` (itself when a file), sorted, hidden folders and node_modules skipped. */
async function catalogFiles(path: string, depth = 0): Promise<string[]> {
  let info;
  let entries;
  try {
    info = await stat(path);
    if (!info.isDirectory()) return [path];
    if (depth > MAX_CATALOG_DEPTH) return [];
    entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch (error) {
    // e.g. a folder that cannot be listed: a one-line input error, not an internal one.
    throw describeFsError(error, 'read', path);
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await catalogFiles(child, depth + 1)));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) files.push(child);
  }
  return files;
}

/** Prints located problems on stderr (the first {@link MAX_PRINTED_ISSUES}), then fails with `E_INVALID`. */
async function failWith(lib: Toolkit, issues: readonly GovernanceIssue[], what: string, io: Io): Promise<never> {
  const shown = issues.slice(0, MAX_PRINTED_ISSUES);
  const more = issues.length - shown.length;
  if (io.issues !== undefined) io.issues.push(...shown);
  else {
    await write(
      io.stderr,
      shown.map((issue) => `${lib.formatIssue(issue)}\n`).join('') + (more > 0 ? `… and ${more} more problems\n` : ''),
    );
  }
  const n = issues.length;
  throw new CliError('E_INVALID', `${what} (${n} problem${n === 1 ? '' : 's'})`);
}

/** Catalog files read: the valid entities, and how many documents there were and were refused. */
export interface LoadedCatalog {
  readonly entities: CatalogEntity[];
  readonly documents: number;
  readonly invalid: number;
}

/**
 * Reads every catalog file under the directories given. By default any invalid document fails the
 * whole load; with `partial`, each problem is printed on stderr and the valid entities are kept.
 */
export async function readCatalog(
  lib: Toolkit,
  paths: readonly string[],
  values: ParsedArgs['values'],
  io: Io,
  { partial = false }: { readonly partial?: boolean } = {},
): Promise<LoadedCatalog> {
  const maxBytes = maxInputBytes(stringOption(values, 'max-input-mb'));
  const entities: CatalogEntity[] = [];
  const issues: GovernanceIssue[] = [];
  let files = 0;
  let documents = 0;
  let invalid = 0;
  for (const path of paths) {
    for (const file of await catalogFiles(path)) {
      files++;
      const parsed = lib.parseCatalog(await readInput(file, maxBytes, io), file);
      entities.push(...parsed.entities);
      issues.push(...parsed.issues);
      documents += parsed.documents;
      invalid += parsed.invalid;
    }
  }
  if (issues.length > 0 && !partial) await failWith(lib, issues, 'the catalog has invalid entities', io);
  if (issues.length > 0) {
    const shown = issues.slice(0, MAX_PRINTED_ISSUES);
    const more = issues.length - shown.length;
    await write(
      io.stderr,
      shown.map((issue) => `${lib.formatIssue(issue)}\n`).join('') + (more > 0 ? `… and ${more} more problems\n` : ''),
    );
  }
  if (files === 0) await note(io, `pt: warning: no catalog files (*.yaml) under ${paths.join(', ')}\n`);
  return { entities, documents, invalid };
}

/** Reads every catalog file under the directories given; any invalid document fails the whole load. */
export async function loadCatalog(
  lib: Toolkit,
  paths: readonly string[],
  values: ParsedArgs['values'],
  io: Io,
): Promise<CatalogEntity[]> {
  return (await readCatalog(lib, paths, values, io)).entities;
}

/** Today in UTC, YYYY-MM-DD. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The day waivers are judged on: the UTC day of `--at` (a date is its own day), or today. */
function waiverDay(lib: Toolkit, values: ParsedArgs['values']): string {
  const instant = readAt(lib, values);
  return instant === undefined ? today() : new Date(instant).toISOString().slice(0, 10);
}

/** `--scorecard`, `--catalog` and `--at` as toolkit options. */
export async function loadGovernanceOptions(
  lib: Toolkit,
  values: ParsedArgs['values'],
  io: Io,
): Promise<GovernanceOptions> {
  const at = waiverDay(lib, values);
  const options: { -readonly [K in keyof GovernanceOptions]: GovernanceOptions[K] } = { at };
  const scorecards: Scorecard[] = [];
  const files = new Map<string, string>();
  for (const scorecardFile of listOption(values, 'scorecard')) {
    const text = await readInput(scorecardFile, maxInputBytes(stringOption(values, 'max-input-mb')), io);
    const parsed = lib.parseScorecard(text, scorecardFile === '-' ? '<stdin>' : scorecardFile);
    if (!parsed.ok) return failWith(lib, parsed.issues, `${scorecardFile} is not a valid scorecard file`, io);
    const { name } = parsed.scorecard;
    const other = files.get(name);
    if (other !== undefined) {
      throw new CliError('E_INVALID', `scorecards ${other} and ${scorecardFile} are both named "${name}"`, {
        hint: 'Give each scorecard its own name: results are told apart by it.',
      });
    }
    files.set(name, scorecardFile);
    scorecards.push(parsed.scorecard);
  }
  if (scorecards[0] !== undefined) options.scorecard = scorecards[0];
  if (scorecards.length > 1) options.scorecards = scorecards;
  const catalog = listOption(values, 'catalog');
  if (catalog.length > 0) options.catalogFacts = lib.catalogFacts(await loadCatalog(lib, catalog, values, io));
  return options;
}

/** Warns (stderr) about fleet-file waivers naming a rule no scorecard in effect has: they can never apply. */
export async function warnUnknownWaivers(
  lib: Toolkit,
  fleet: Fleet,
  options: GovernanceOptions,
  io: Io,
): Promise<void> {
  const cards = options.scorecards ?? [options.scorecard ?? lib.DEFAULT_SCORECARD];
  const rules = new Set(cards.flatMap((card) => card.rules.map((r) => r.id)));
  const unknown = (fleet.waivers ?? []).flatMap((w, i) =>
    rules.has(w.rule) ? [] : [`waivers[${i}] (rule "${w.rule}")`],
  );
  if (unknown.length > 0) {
    await note(
      io,
      `pt: warning: waivers for rules ${cards.length > 1 ? 'no scorecard has' : 'the scorecard does not have'}: ${unknown.join(', ')}\n`,
    );
  }
}
