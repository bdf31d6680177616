import { FleetSchema, ServiceSpecSchema, type Fleet } from '../fleet/schema.js';
import { FleetJsonSplitter } from '../fleet/json-split.js';
import type { GovernanceOptions } from '../governance/scorecard.js';
import { PlatformService, type ServiceOptions } from '../health/service.js';
import { renderJsonParts } from '../render/json.js';
import { REPORT_SCHEMA_VERSION, SummaryTally, serviceFigures, type ServiceFigures } from './build.js';
import type { Health, ReportSummary, ServiceReport } from './schema.js';

/** How each service of a batch is evaluated, and which go into the report. Plain data: it may cross threads. */
export interface ServiceBatchOptions extends ServiceOptions {
  /** Only services of this team go into the report. */
  readonly team?: string;
  /** Name the reported services whose health is one of these. */
  readonly match?: readonly Health[];
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
      /** The reported services as report v1 JSON: `renderJsonParts.services(reports, 0)`. */
      readonly json: string;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses, validates, evaluates and renders a batch of services, each the JSON text of one item
 * of a fleet's `services`. Pure and self-contained, so that batches can run on other threads.
 * Any item that is not a valid service makes the whole batch `{ ok: false }`.
 */
export function evaluateServiceBatch(texts: readonly string[], options: ServiceBatchOptions): ServiceBatch {
  const { team, match = [], ...serviceOptions } = options;
  const names: string[] = [];
  const teams: string[] = [];
  const figures: ServiceFigures[] = [];
  const matched: string[] = [];
  const reports: ServiceReport[] = [];
  try {
    for (const text of texts) {
      const spec = ServiceSpecSchema.safeParse(JSON.parse(text) as unknown);
      if (!spec.success) return { ok: false, reason: 'a service is not valid' };
      const service = new PlatformService(spec.data, serviceOptions);
      names.push(service.name);
      teams.push(service.team);
      if (team !== undefined && service.team !== team) continue;
      figures.push(serviceFigures(service));
      if (match.includes(service.health)) matched.push(service.name);
      reports.push(service.toReport());
    }
  } catch (error) {
    // JSON.parse on odd input, or anything evaluation throws: the ordinary reader decides.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, names, teams, figures, matched, json: renderJsonParts.services(reports, 0) };
}

/** Evaluates one batch, here or elsewhere (e.g. on a worker thread). */
export type ServiceBatchEvaluator = (
  texts: readonly string[],
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
  readonly write: (json: string) => void | Promise<void>;
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
 * Report v1 of a JSON fleet file, read chunk by chunk: services are parsed, validated, evaluated
 * and rendered a batch at a time, their JSON handed to `write`, and nothing of them kept. Memory
 * is a few batches, whatever the fleet's size. The report is exactly that of `parseFleet` +
 * `PlatformToolkit.fromFleet` + `report` + `renderJson`.
 *
 * Returns `{ ok: false }` for any input that is not a valid fleet; nothing is located here, and
 * what was written must be discarded.
 *
 * @example
 * const pieces: string[] = [];
 * const r = await reportFromJsonChunks(chunks, { write: (json) => void pieces.push(json) });
 * if (r.ok) output = r.head + pieces.join('') + r.tail;
 */
export async function reportFromJsonChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: StreamReportOptions,
): Promise<StreamedReport | NotStreamed> {
  const { team, match, write, evaluate = evaluateServiceBatch, concurrency = 1, ...governance } = options;
  // No prototype: a `__proto__` key is stored as a key (and then refused by the schema), as JSON.parse does.
  const members = Object.create(null) as Record<string, unknown>;
  const names = new Set<string>();
  const teams = new Set<string>();
  const tally = new SummaryTally();
  const matched: string[] = [];
  let count = 0;
  let texts: string[] = [];
  let batchOptions: ServiceBatchOptions | undefined;
  /** Batches being evaluated, oldest first. */
  const inFlight: Promise<ServiceBatch>[] = [];

  const splitter = new FleetJsonSplitter({
    member(key, text) {
      if (key === 'waivers' && batchOptions !== undefined) throw new Refused('waivers come after services');
      members[key] = JSON.parse(text) as unknown;
    },
    servicesStart() {
      const waivers = FleetSchema.shape.waivers.safeParse(members['waivers']);
      if (!waivers.success) throw new Refused('the waivers are not valid');
      batchOptions = {
        ...governance,
        fleetWaivers: waivers.data ?? [],
        ...(team === undefined ? {} : { team }),
        ...(match === undefined ? {} : { match }),
      };
    },
    service(text) {
      texts.push(text);
    },
  });

  const dispatch = (batch: readonly string[], with_: ServiceBatchOptions): void => {
    // A rejection becomes a refusal, also for batches no longer awaited after an earlier one failed.
    const evaluated = Promise.resolve()
      .then(() => evaluate(batch, with_))
      .catch((error: unknown): ServiceBatch => ({ ok: false, reason: String(error) }));
    inFlight.push(evaluated);
  };
  /** Uses the oldest batch: its names, teams, figures and JSON, in order. */
  const settle = async (): Promise<void> => {
    const batch = await inFlight.shift();
    if (batch === undefined) return;
    if (!batch.ok) throw new Refused(batch.reason);
    for (const name of batch.names) {
      if (names.has(name)) throw new Refused(`the service name "${name}" repeats`);
      names.add(name);
    }
    for (const t of batch.teams) teams.add(t);
    for (const f of batch.figures) tally.addFigures(f);
    matched.push(...batch.matched);
    if (batch.json !== '') {
      await write(count === 0 ? batch.json : `,${batch.json}`);
      count += batch.figures.length;
    }
  };
  const pump = async (all: boolean): Promise<void> => {
    while (batchOptions !== undefined && (texts.length >= BATCH || (all && texts.length > 0))) {
      dispatch(texts.slice(0, BATCH), batchOptions);
      texts = texts.slice(BATCH);
      while (inFlight.length >= Math.max(1, concurrency)) await settle();
    }
    if (all) while (inFlight.length > 0) await settle();
  };

  try {
    for await (const chunk of chunks) {
      splitter.push(chunk);
      if (splitter.failure !== undefined) return { ok: false, reason: splitter.failure };
      await pump(false);
    }
    splitter.end();
    if (splitter.failure !== undefined) return { ok: false, reason: splitter.failure };
    await pump(true);
  } catch (error) {
    // Refusals, and anything JSON.parse throws on odd input: the ordinary reader decides.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (batchOptions === undefined) return { ok: false, reason: 'there is no services list' };
  const header = FleetSchema.safeParse({ ...members, services: [] });
  if (!header.success) return { ok: false, reason: 'the fleet is not valid' };
  const { apiVersion, kind, waivers, budgets } = header.data;
  const fleet: Omit<Fleet, 'services'> = {
    apiVersion,
    kind,
    ...(waivers === undefined ? {} : { waivers }),
    ...(budgets === undefined ? {} : { budgets }),
  };
  const summary = tally.summary();
  return {
    ok: true,
    fleet,
    teams: [...teams],
    summary,
    count,
    matched,
    head: renderJsonParts.head(REPORT_SCHEMA_VERSION, summary),
    tail: renderJsonParts.tail(count),
  };
}
