import { FleetSchema, ServiceSpecSchema, type Fleet } from '../fleet/schema.js';
import { FleetJsonSplitter } from '../fleet/json-split.js';
import type { GovernanceOptions } from '../governance/scorecard.js';
import { PlatformService, type ServiceOptions } from '../health/service.js';
import { renderJsonParts } from '../render/json.js';
import { REPORT_SCHEMA_VERSION, SummaryTally } from './build.js';
import type { Health, ReportSummary, ServiceReport } from './schema.js';

/** What a streamed report covers, how services are scored, and where their JSON goes. */
export interface StreamReportOptions extends GovernanceOptions {
  /** Only services of this team. */
  readonly team?: string;
  /** Name the services whose health is one of these (`--fail-on`) in `matched`. */
  readonly match?: readonly Health[];
  /**
   * Receives the report's `services` entries as JSON text, in order, a few hundred services at a
   * time; awaited before reading on. `head` + these + `tail` of the result is `renderJson` of the report.
   */
  readonly write: (json: string) => void | Promise<void>;
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

/** Services rendered into one piece of JSON text at a time. */
const BATCH = 256;

class Refused extends Error {}

/**
 * Report v1 of a JSON fleet file, read chunk by chunk: each service is parsed, validated,
 * evaluated and rendered soon after it is read, its JSON handed to `write`, and nothing of it
 * kept. Memory is a batch of services, whatever the fleet's size. The report is exactly that of
 * `parseFleet` + `PlatformToolkit.fromFleet` + `report` + `renderJson`.
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
  const { team, match = [], write, ...governance } = options;
  // No prototype: a `__proto__` key is stored as a key (and then refused by the schema), as JSON.parse does.
  const members = Object.create(null) as Record<string, unknown>;
  const names = new Set<string>();
  const teams = new Set<string>();
  const tally = new SummaryTally();
  const matched: string[] = [];
  let count = 0;
  let batch: ServiceReport[] = [];
  let serviceOptions: ServiceOptions | undefined;

  const splitter = new FleetJsonSplitter({
    member(key, text) {
      if (key === 'waivers' && serviceOptions !== undefined) throw new Refused('waivers come after services');
      members[key] = JSON.parse(text) as unknown;
    },
    servicesStart() {
      const waivers = FleetSchema.shape.waivers.safeParse(members['waivers']);
      if (!waivers.success) throw new Refused('the waivers are not valid');
      serviceOptions = { ...governance, fleetWaivers: waivers.data ?? [] };
    },
    service(text) {
      const spec = ServiceSpecSchema.safeParse(JSON.parse(text) as unknown);
      if (!spec.success) throw new Refused(`services[${names.size}] is not valid`);
      const { name } = spec.data;
      if (names.has(name)) throw new Refused(`the service name "${name}" repeats`);
      names.add(name);
      const service = new PlatformService(spec.data, serviceOptions);
      teams.add(service.team);
      if (team !== undefined && service.team !== team) return;
      tally.add(service);
      if (match.includes(service.health)) matched.push(name);
      batch.push(service.toReport());
    },
  });

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const json = renderJsonParts.services(batch, count);
    count += batch.length;
    batch = [];
    await write(json);
  };

  try {
    for await (const chunk of chunks) {
      splitter.push(chunk);
      if (splitter.failure !== undefined) return { ok: false, reason: splitter.failure };
      if (batch.length >= BATCH) await flush();
    }
    splitter.end();
    if (splitter.failure !== undefined) return { ok: false, reason: splitter.failure };
    await flush();
  } catch (error) {
    // Refusals, and anything JSON.parse or evaluation throws on odd input: the ordinary reader decides.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (serviceOptions === undefined) return { ok: false, reason: 'there is no services list' };
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
