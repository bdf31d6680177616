import { duplicateJsonKey } from '@pt/input';
import { DEFAULT_MAX_DEPTH, yamlFleetSlices, yamlSliceItems } from '../fleet/parse.js';
import { FleetSchema, ServiceSpecSchema, type Fleet } from '../fleet/schema.js';
import { FleetJsonSplitter } from '../fleet/json-split.js';
import type { GovernanceOptions } from '@pt/governance';
import { PlatformService, type ServiceOptions } from '../health/service.js';
import { htmlBatchParts, type HtmlBatchParts } from '../render/html.js';
import { renderJsonParts } from '../render/json.js';
import { servicePieces, textBatch, type TextBatch, type TextRenderOptions } from '../render/stream-text.js';
import { REPORT_SCHEMA_VERSION, SummaryTally, serviceFigures, withCostHistory, type ServiceFigures } from './build.js';
import type { Health, ReportSummary, ServiceReport } from './schema.js';

/** How each service of a batch is evaluated, and which go into the report. Plain data: it may cross threads. */
export interface ServiceBatchOptions extends ServiceOptions {
  /** Only services of this team go into the report. */
  readonly team?: string;
  /** Name the reported services whose health is one of these. */
  readonly match?: readonly Health[];
  /** Give each reported service's pieces of this table or Markdown report (`pieces`) instead of its JSON. */
  readonly render?: TextRenderOptions;
  /**
   * The batch carries the reported services themselves (`reports`) instead of their JSON; with
   * `html`, also their parts of the HTML page (`htmlBatchParts`, no trends), and the reports
   * without `costHistory` (read by nothing else of the page).
   */
  readonly output?: 'json' | 'reports' | 'html';
  /** With `output: 'reports'` or `html`: each service's spend by month, as `report({ costHistory: true })`. */
  readonly costHistory?: boolean;
}

/** A batch of services evaluated: plain data, in the batch's order. */
export type ServiceBatch =
  | {
      readonly ok: true;
      /** Name and team of every service of the batch, reported or not. */
      readonly names: readonly string[];
      readonly teams: readonly string[];
      /** Figures of the reported services. */
      readonly figures: readonly ServiceFigures[];
      /** Reported services whose health is in `match`. */
      readonly matched: readonly string[];
      /** The reported services as report v1 JSON: `renderJsonParts.services(reports, 0)`; '' with `render` or `output: 'reports'`. */
      readonly json: string;
      /** With `render`: the reported services' pieces of the text report, put together. */
      readonly pieces?: TextBatch;
      /** With `output: 'reports'` or `html`: the reported services. */
      readonly reports?: readonly ServiceReport[];
      /** With `output: 'html'`: the reported services' parts of the HTML page. */
      readonly html?: HtmlBatchParts;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * A batch of services to evaluate: the JSON texts of `services` items, or a slice of a YAML
 * fleet's `services` list (items from one `-` at the list's indent to before another) read to
 * at most `maxDepth` levels.
 */
export type ServiceBatchInput =
  { readonly json: readonly string[] } | { readonly yaml: string; readonly maxDepth: number };

/** The items of a batch as values: one `JSON.parse` per text, or the one YAML list of the slice. */
function itemsOf(input: ServiceBatchInput): readonly unknown[] | undefined {
  // A key repeated in a service: not streamed; the whole read refuses it, located.
  if ('json' in input) {
    return input.json.some((text) => duplicateJsonKey(text) !== undefined)
      ? undefined
      : input.json.map((text) => JSON.parse(text) as unknown);
  }
  return yamlSliceItems(input.yaml, input.maxDepth);
}

/**
 * Parses, validates, evaluates and renders a batch of services. Pure and self-contained, so
 * that batches can run on other threads. Any item that is not a valid service (or text that
 * does not parse) makes the whole batch `{ ok: false }`.
 */
export function evaluateServiceBatch(input: ServiceBatchInput, options: ServiceBatchOptions): ServiceBatch {
  const { team, match = [], render, output = 'json', costHistory = false, ...serviceOptions } = options;
  const names: string[] = [];
  const teams: string[] = [];
  const figures: ServiceFigures[] = [];
  const matched: string[] = [];
  const reports: ServiceReport[] = [];
  try {
    const items = itemsOf(input);
    if (items === undefined)
      return { ok: false, reason: 'json' in input ? 'a service repeats a key' : 'a slice is not one YAML list' };
    for (const item of items) {
      const spec = ServiceSpecSchema.safeParse(item);
      if (!spec.success) return { ok: false, reason: 'a service is not valid' };
      const service = new PlatformService(spec.data, serviceOptions);
      names.push(service.name);
      teams.push(service.team);
      if (team !== undefined && service.team !== team) continue;
      figures.push(serviceFigures(service));
      if (match.includes(service.health)) matched.push(service.name);
      reports.push(costHistory ? withCostHistory(service.toReport(), service.cost.entries) : service.toReport());
    }
  } catch (error) {
    // A parser on odd input, or anything evaluation throws: the ordinary reader decides.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (render !== undefined) {
    const pieces = textBatch(
      reports.map((r) => servicePieces(r, render)),
      render,
    );
    return { ok: true, names, teams, figures, matched, json: '', pieces };
  }
  if (output === 'reports') return { ok: true, names, teams, figures, matched, json: '', reports };
  if (output === 'html') {
    // The page's parts built here (maybe on another thread); what goes back is what else it reads.
    const html = htmlBatchParts(reports);
    const slim = reports.map(({ costHistory: _history, ...rest }) => rest);
    return { ok: true, names, teams, figures, matched, json: '', reports: slim, html };
  }
  return { ok: true, names, teams, figures, matched, json: renderJsonParts.services(reports, 0) };
}

/** Evaluates one batch, here or elsewhere (e.g. on a worker thread). */
export type ServiceBatchEvaluator = (
  input: ServiceBatchInput,
  options: ServiceBatchOptions,
) => ServiceBatch | Promise<ServiceBatch>;

/** What a streamed report covers, how services are scored, and where their JSON goes. */
export interface StreamReportOptions extends GovernanceOptions {
  /** Only services of this team. */
  readonly team?: string;
  /** Name the services whose health is one of these (`--fail-on`) in `matched`. */
  readonly match?: readonly Health[];
  /**
   * Receives the report's `services` entries as JSON text, in order, a batch at a time; awaited
   * before going on. `head` + these + `tail` of the result is `renderJson` of the report.
   */
  readonly write?: (json: string) => void | Promise<void>;
  /**
   * With `render` (a table or Markdown report): receives the reported services' pieces instead of
   * their JSON, in order, a batch at a time, put together (for `StreamedTextReport.add`); `write`
   * is not called.
   */
  readonly render?: TextRenderOptions;
  readonly pieces?: (pieces: TextBatch) => void | Promise<void>;
  /**
   * Receives the reported services themselves instead of their JSON (`write` is then not
   * called), in order, a batch at a time; awaited before going on. For formats that render
   * services their own way (the HTML page: `HtmlPageWriter`). With `html`, also their parts of
   * the page (`htmlBatchParts`, no trends), built where the batch was evaluated, and the
   * services without `costHistory`.
   */
  readonly services?: (reports: readonly ServiceReport[], html?: HtmlBatchParts) => void | Promise<void>;
  /** With `services`: each service's spend by month, as `report({ costHistory: true })`. */
  readonly costHistory?: boolean;
  /** With `services`: build each service's parts of the HTML page where it is evaluated. */
  readonly html?: boolean;
  /** Evaluates batches; default {@link evaluateServiceBatch} on this thread. Results are used in order. */
  readonly evaluate?: ServiceBatchEvaluator;
  /** Batches evaluated at once (give more with an evaluator that runs them in parallel). Default 1. */
  readonly concurrency?: number;
}

/** A report read from a valid JSON fleet file, one service at a time. */
export interface StreamedReport {
  readonly ok: true;
  /** The fleet file's members other than `services`. */
  readonly fleet: Omit<Fleet, 'services'>;
  /** Every team, in order of first appearance (before the `team` filter). */
  readonly teams: readonly string[];
  readonly summary: ReportSummary;
  /** Services in the report, whatever their health. */
  readonly count: number;
  /** Names of the services in the report whose health is in `match`, in file order. */
  readonly matched: readonly string[];
  /** The JSON text before the services written, and after them. */
  readonly head: string;
  readonly tail: string;
}

/**
 * Not a report: the input is not a valid JSON fleet file (or one this reader does not take, such
 * as `waivers` after `services`). Read it with `parseFleet`, which locates every problem.
 */
export interface NotStreamed {
  readonly ok: false;
  readonly reason: string;
}

/** Services per batch: small batches keep few objects alive across young-generation collections (measured: 116 MB peak RSS at 64, 163 MB at 512, 100k services). */
const BATCH = 64;

class Refused extends Error {}

/**
 * Batches of services evaluated (maybe elsewhere, maybe out of order) and used in order: names
 * checked unique, teams gathered, the summary added up, the JSON handed to `write`.
 */
class Pipeline {
  readonly #options: StreamReportOptions;
  readonly #names = new Set<string>();
  readonly #teams = new Set<string>();
  readonly #tally = new SummaryTally();
  readonly #matched: string[] = [];
  readonly #inFlight: Promise<ServiceBatch>[] = [];
  /** The top-level members of the fleet other than `services`. No prototype: a `__proto__` key stays a key (and the schema refuses it), as JSON.parse does. */
  readonly members = Object.create(null) as Record<string, unknown>;
  #batchOptions: ServiceBatchOptions | undefined;
  #count = 0;

  constructor(options: StreamReportOptions) {
    this.#options = options;
  }

  get started(): boolean {
    return this.#batchOptions !== undefined;
  }

  /** A top-level member; `waivers` must come before the services. */
  member(key: string, value: unknown): void {
    if (key === 'waivers' && this.started) throw new Refused('waivers come after services');
    this.members[key] = value;
  }

  /** The services begin: every batch is evaluated with the waivers known now. */
  start(): void {
    const waivers = FleetSchema.shape.waivers.safeParse(this.members['waivers']);
    if (!waivers.success) throw new Refused('the waivers are not valid');
    const {
      team,
      match,
      write: _write,
      pieces: _pieces,
      services,
      costHistory,
      html,
      evaluate: _evaluate,
      concurrency: _concurrency,
      ...governance
    } = this.#options;
    this.#batchOptions = {
      ...governance,
      ...(services === undefined
        ? {}
        : { output: html === true ? ('html' as const) : ('reports' as const), costHistory: costHistory === true }),
      fleetWaivers: waivers.data ?? [],
      ...(team === undefined ? {} : { team }),
      ...(match === undefined ? {} : { match }),
    };
  }

  /** Sends a batch off, then uses finished ones while too many are in flight. */
  async add(input: ServiceBatchInput): Promise<void> {
    const options = this.#batchOptions;
    if (options === undefined) throw new Refused('services before start');
    const evaluate = this.#options.evaluate ?? evaluateServiceBatch;
    // A rejection becomes a refusal, also for batches no longer awaited after an earlier one failed.
    const evaluated = Promise.resolve()
      .then(() => evaluate(input, options))
      .catch((error: unknown): ServiceBatch => ({ ok: false, reason: String(error) }));
    this.#inFlight.push(evaluated);
    while (this.#inFlight.length >= Math.max(1, this.#options.concurrency ?? 1)) await this.#settle();
  }

  /** Uses the oldest batch: its names, teams, figures and JSON, in order. */
  async #settle(): Promise<void> {
    const batch = await this.#inFlight.shift();
    if (batch === undefined) return;
    if (!batch.ok) throw new Refused(batch.reason);
    for (const name of batch.names) {
      if (this.#names.has(name)) throw new Refused(`the service name "${name}" repeats`);
      this.#names.add(name);
    }
    for (const t of batch.teams) this.#teams.add(t);
    for (const f of batch.figures) this.#tally.addFigures(f);
    this.#matched.push(...batch.matched);
    if (batch.pieces !== undefined) {
      if (batch.pieces.count > 0) await this.#options.pieces?.(batch.pieces);
      this.#count += batch.pieces.count;
    } else if (this.#options.services !== undefined) {
      if (batch.reports === undefined) throw new Refused('the batch has no reports');
      if (this.#options.html === true && batch.html?.ends[0].length !== batch.reports.length)
        throw new Refused('the batch has no HTML parts');
      if (batch.reports.length > 0) await this.#options.services(batch.reports, batch.html);
      this.#count += batch.reports.length;
    } else if (batch.json !== '') {
      await this.#options.write?.(this.#count === 0 ? batch.json : `,${batch.json}`);
      this.#count += batch.figures.length;
    }
  }

  /** Every batch used; the report's head and tail, or why the fleet is not taken. */
  async finish(): Promise<StreamedReport | NotStreamed> {
    while (this.#inFlight.length > 0) await this.#settle();
    if (!this.started) return { ok: false, reason: 'there is no services list' };
    const header = FleetSchema.safeParse({ ...this.members, services: [] });
    if (!header.success) return { ok: false, reason: 'the fleet is not valid' };
    const { apiVersion, kind, waivers, budgets } = header.data;
    const fleet: Omit<Fleet, 'services'> = {
      apiVersion,
      kind,
      ...(waivers === undefined ? {} : { waivers }),
      ...(budgets === undefined ? {} : { budgets }),
    };
    const summary = this.#tally.summary();
    return {
      ok: true,
      fleet,
      teams: [...this.#teams],
      summary,
      count: this.#count,
      matched: this.#matched,
      head: renderJsonParts.head(REPORT_SCHEMA_VERSION, summary),
      tail: renderJsonParts.tail(this.#count),
    };
  }
}

/** Runs `read`; a refusal, or anything a parser throws on odd input, means the ordinary reader decides. */
async function refusing(read: () => Promise<StreamedReport | NotStreamed>): Promise<StreamedReport | NotStreamed> {
  try {
    return await read();
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** A fleet file as the streamed report reads it: JSON a chunk at a time, or YAML text it cuts into slices. */
export type FleetSource =
  | { readonly format: 'json'; readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> }
  | { readonly format: 'yaml'; readonly text: string };

/**
 * Report v1 of a fleet file, its services parsed, validated, evaluated and rendered a batch at a
 * time, their JSON handed to `write`, and nothing of them kept: memory is a few batches, whatever
 * the fleet's size. JSON is read chunk by chunk (`FleetJsonSplitter`); YAML in the plain layout
 * (`services:` last, no anchors, aliases or tags) a slice of its `services` list at a time, cut
 * by the same slicer `parseFleet` uses on a large text (`yamlFleetSlices`). The report is exactly
 * that of `parseFleet` + `PlatformToolkit.fromFleet` + `report` + `renderJson`.
 *
 * Returns `{ ok: false, reason }` for any input that is not a valid fleet, or not in a layout
 * read this way (e.g. `waivers` after `services`); nothing is located here, and what was written
 * must be discarded: read the file with `parseFleet`, which locates every problem.
 *
 * @example
 * const pieces: string[] = [];
 * const r = await reportFromFleetSource({ format: 'json', chunks }, { write: (json) => void pieces.push(json) });
 * if (r.ok) output = r.head + pieces.join('') + r.tail;
 */
export function reportFromFleetSource(
  source: FleetSource,
  options: StreamReportOptions,
): Promise<StreamedReport | NotStreamed> {
  return refusing(() =>
    source.format === 'json' ? fromJsonChunks(source.chunks, options) : fromYamlText(source.text, options),
  );
}

/** A JSON fleet file, chunk by chunk. */
async function fromJsonChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: StreamReportOptions,
): Promise<StreamedReport | NotStreamed> {
  const pipeline = new Pipeline(options);
  let texts: string[] = [];
  const splitter = new FleetJsonSplitter({
    member: (key, text) => {
      // A repeated key inside a member: not streamed; the whole read refuses it, located.
      if (duplicateJsonKey(text) !== undefined) throw new Refused('a member repeats a key');
      pipeline.member(key, JSON.parse(text) as unknown);
    },
    servicesStart: () => pipeline.start(),
    service: (text) => void texts.push(text),
  });
  const pump = async (all: boolean): Promise<void> => {
    while (texts.length >= BATCH || (all && texts.length > 0)) {
      const batch = texts.slice(0, BATCH);
      texts = texts.slice(BATCH);
      await pipeline.add({ json: batch });
    }
  };
  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (splitter.failure !== undefined) return { ok: false, reason: splitter.failure };
    await pump(false);
  }
  splitter.end();
  if (splitter.failure !== undefined) return { ok: false, reason: splitter.failure };
  await pump(true);
  return pipeline.finish();
}

/** A YAML fleet text in the plain layout, a slice of its `services` list at a time: js-yaml never holds more than a slice's events. */
async function fromYamlText(text: string, options: StreamReportOptions): Promise<StreamedReport | NotStreamed> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sliced = yamlFleetSlices(source, { maxDepth: DEFAULT_MAX_DEPTH });
  if (sliced === undefined) return { ok: false, reason: 'not the plain layout' };
  const pipeline = new Pipeline(options);
  for (const [key, value] of Object.entries(sliced.head)) if (key !== 'services') pipeline.member(key, value);
  pipeline.start();
  for (const slice of sliced.slices) {
    // Each slice is a list one level less deep than the same items under `services:`.
    await pipeline.add({ yaml: slice, maxDepth: DEFAULT_MAX_DEPTH - 1 });
  }
  return pipeline.finish();
}
