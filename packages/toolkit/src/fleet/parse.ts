import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import { parseEvents, type Event } from 'js-yaml';
import { FleetSchema, findDuplicates, type Fleet } from './schema.js';
import {
  DEFAULT_MAX_DEPTH,
  loadJson,
  loadYaml as loadYamlText,
  locatedIssues,
  locateInJson,
  locateInYaml,
  messagesOf,
  pathKey,
  stripBom,
  type DocumentPath,
  type InputIssue,
  type Offsets,
} from '@pt/input';

export { DEFAULT_MAX_DEPTH, loadJson };

/** Input formats of a fleet file. `auto` picks JSON for `.json` names or text starting with `{`/`[`. */
export type FleetFormat = 'yaml' | 'json' | 'auto';

export interface ParseFleetOptions {
  /** Name used in messages (`fleet.yaml:14 …`). Default `<input>`. */
  readonly filename?: string;
  /** Default `auto`. */
  readonly format?: FleetFormat;
  /** Most YAML nodes aliases may expand to, as a multiple of the nodes written out. Default 10. */
  readonly maxAliasExpansion?: number;
  /** Deepest nesting accepted. Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number;
}

/** The fleet, or every problem found in the input, located. Never throws for bad input. */
export type FleetParseResult =
  { readonly ok: true; readonly fleet: Fleet } | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** The file name in messages when the caller gives none. */
const UNNAMED_INPUT = '<input>';

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

/** YAML texts longer than this many characters are read in slices (`loadYamlInSlices`), if they can be. */
const YAML_SLICED_FROM_CHARS = 16 * 1024 * 1024;

/**
 * Characters per slice of a YAML `services` list: about 64 services of a typical fleet. The one
 * slice size, for `parseFleet` on a large text and for the streamed report alike. js-yaml reads
 * small slices faster than large ones (measured: 3.5 s of CPU for 100k services in slices of 100,
 * 5.4 s in slices of 10,000).
 */
export const YAML_SLICE_CHARS = 24 * 1024;

/** A character that never appears in the layout `loadYamlInSlices` reads: aliases, anchors, tags, tabs, CR. */
const UNSLICEABLE = /[*&!\t\r]/;

/**
 * Where to cut a fleet's YAML text so that its `services` items can be read a slice at a time:
 * `head` (everything before the `services:` line) and `cuts`, offsets of item starts, each slice
 * about `sliceChars` characters, the last cut the end of the text. Only for the plain layout: a
 * `services:` line, its items from the next line to the end of the text, and no alias, anchor,
 * tag, directive, tab or CR anywhere. Undefined for any other text.
 */
export function yamlServiceCuts(
  text: string,
  sliceChars: number,
): { readonly head: string; readonly cuts: readonly number[] } | undefined {
  if (UNSLICEABLE.test(text)) return undefined;
  const found = text.startsWith('services:\n') ? 0 : text.indexOf('\nservices:\n') + 1;
  if (found === 0 && !text.startsWith('services:\n')) return undefined;
  const head = text.slice(0, found);
  if (/^%/m.test(head)) return undefined;
  // The items: from the next line to the end, every line blank, a comment, an item (`-`) at the
  // indent of the first one, or more indented than that.
  const start = found + 'services:\n'.length;
  const cuts = [start];
  let indent = -1;
  for (let at = start; at < text.length;) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline;
    let column = at;
    while (column < end && text.charCodeAt(column) === 0x20) column++;
    if (column < end && text.charCodeAt(column) !== 0x23 /* # */) {
      const item =
        text.charCodeAt(column) === 0x2d /* - */ && (column + 1 === end || text.charCodeAt(column + 1) === 0x20);
      // The first item opens the first slice; each later one may open a new slice.
      if (indent === -1 && item) indent = column - at;
      else if (item && column - at === indent && at - (cuts.at(-1) ?? start) >= sliceChars) cuts.push(at);
      if (column - at < indent || (column - at === indent && !item) || indent === -1) return undefined;
    }
    at = end + 1;
  }
  if (indent === -1) return undefined;
  cuts.push(text.length);
  return { head, cuts };
}

/**
 * js-yaml's CommonJS build, for the many small slices: its ES module build, the one `import`
 * gets, parses them 2–3× slower (measured: 9.8 s against 4.2 s for the 2,264 slices of a
 * 100k-service fleet; a whole file costs the same in both). Loaded once, on first use.
 */
let cjsYaml: typeof JsYaml | undefined;
function sliceYaml(): typeof JsYaml {
  cjsYaml ??= createRequire(import.meta.url)('js-yaml') as typeof JsYaml;
  return cjsYaml;
}

/** A fleet's YAML text cut for reading a slice at a time: its members but `services`, and the slices of its `services` list. */
export interface YamlFleetSlices {
  /** The top-level mapping, `services` empty. */
  readonly head: Record<string, unknown>;
  /** The `services` list in slices of about {@link YAML_SLICE_CHARS}, each a YAML list read with {@link yamlSliceItems}. */
  readonly slices: Iterable<string>;
}

/**
 * The one YAML slicer: a fleet text in the plain layout (`yamlServiceCuts`) cut before items of
 * its `services` list, the rest of the file read on its own. Undefined for any other layout, or
 * a head that is not one mapping; throws what js-yaml throws on the head.
 */
export function yamlFleetSlices(
  text: string,
  options: { readonly maxDepth: number; readonly filename?: string; readonly sliceChars?: number },
): YamlFleetSlices | undefined {
  if (options.maxDepth < 2) return undefined;
  const layout = yamlServiceCuts(text, options.sliceChars ?? YAML_SLICE_CHARS);
  if (layout === undefined) return undefined;
  const { head, cuts } = layout;
  const documents = sliceYaml().loadAll(`${head}services: []\n`, {
    maxDepth: options.maxDepth,
    ...(options.filename === undefined ? {} : { filename: options.filename }),
  });
  const fleet = documents[0];
  if (documents.length !== 1 || fleet === null || typeof fleet !== 'object' || Array.isArray(fleet)) return undefined;
  function* slices(): Generator<string> {
    for (let i = 1; i < cuts.length; i++) yield text.slice(cuts[i - 1], cuts[i]);
  }
  return { head: fleet as Record<string, unknown>, slices: slices() };
}

/**
 * The items of one slice of a `services` list, read to at most `maxDepth` levels (one less than
 * the same items under `services:`); undefined when it is not one YAML list. Throws what js-yaml throws.
 */
export function yamlSliceItems(slice: string, maxDepth: number): unknown[] | undefined {
  const documents = sliceYaml().loadAll(slice, { maxDepth });
  const list = documents[0];
  return documents.length === 1 && Array.isArray(list) ? (list as unknown[]) : undefined;
}

/**
 * Reads a large fleet's `services` list in slices (`yamlFleetSlices`), each cut just before an
 * item, and the rest of the file on its own: js-yaml's event stream (kept until its document is
 * built) then never holds more than one slice, where the whole text of a 100,000-service fleet
 * makes about 7.5 million events. Returns `undefined` for a text not in the plain layout, or when
 * js-yaml rejects a slice: the caller reads that text whole, which also words every error.
 */
export function loadYamlInSlices(
  text: string,
  options: { readonly filename: string; readonly maxDepth: number; readonly sliceChars?: number },
): { value: unknown } | undefined {
  try {
    const sliced = yamlFleetSlices(text, options);
    if (sliced === undefined) return undefined;
    const services: unknown[] = [];
    for (const slice of sliced.slices) {
      const items = yamlSliceItems(slice, options.maxDepth - 1);
      if (items === undefined) return undefined;
      for (const item of items) services.push(item);
    }
    sliced.head['services'] = services;
    return { value: sliced.head };
  } catch {
    return undefined;
  }
}

function loadYaml(
  text: string,
  file: string,
  options: { maxAliasExpansion: number; maxDepth: number },
): { value: unknown; events?: Event[] } | { issue: InputIssue } {
  if (text.length > YAML_SLICED_FROM_CHARS) {
    const sliced = loadYamlInSlices(text, { filename: file, maxDepth: options.maxDepth });
    // No alias in the text: nothing for the alias guard to count.
    if (sliced !== undefined) return sliced;
  }
  const loaded = loadYamlText(text, {
    file,
    maxDepth: options.maxDepth,
    maxAliasExpansion: options.maxAliasExpansion,
    documents: 'one',
  });
  if (!loaded.ok) return { issue: loaded.issue };
  const value = loaded.documents[0];
  const events = loaded.events as Event[];
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
  return fail(
    locatedIssues(problems, {
      file,
      ...(options.text === undefined ? {} : { text: options.text }),
      ...(options.locate === undefined ? {} : { locate: options.locate }),
    }),
  );
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
  const source = stripBom(text);
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
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
  });
  if ('issue' in loaded) return fail([loaded.issue]);
  const { value, events } = loaded;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Text read in slices has no events yet: parse them now that validation has failed.
  const locate = (paths: readonly DocumentPath[]) =>
    locateInYaml(source, paths, events ?? parseEvents(source, { filename: file, maxDepth }));
  return validateFleet(value, { filename: file, text: source, locate });
}
