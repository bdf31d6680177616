import type { DeliveryEvent, IncidentEvent } from '../events/schema.js';
import type { TimeWindow } from '../events/time.js';
import type { ReliabilityMetrics } from '../schema.js';
import { DAY_MS } from './levels.js';
import { doraMetrics, type DoraMetrics } from './metrics.js';
import { coveredLength, type Interval } from './stats.js';

const MINUTE_MS = 60_000;

/** How a `reliability` section was derived from events, for explaining it. */
export interface DerivedReliability {
  /** The seed's four numbers, ready for `reliabilityScore`. */
  readonly metrics: ReliabilityMetrics;
  /** Minutes of the window covered by at least one incident (overlaps counted once). */
  readonly downtimeMinutes: number;
  /** Incidents that started in the window and were resolved by its end (the MTTR sample). */
  readonly resolvedIncidents: number;
  /** Deployments in the window (the change failure rate's denominator). */
  readonly deployments: number;
  /** The DORA metrics of the same events and window. */
  readonly dora: DoraMetrics;
}

/** Each incident as the part of `[start, resolved)` inside the window; an open incident lasts to the window's end. */
export function incidentDowntime(incidents: readonly IncidentEvent[], window: TimeWindow): Interval[] {
  return incidents.map((i) => ({
    start: Math.max(i.start, window.start),
    end: Math.min(i.resolved ?? window.end, window.end),
  }));
}

/**
 * The seed's reliability metrics from one service's events over `window`:
 * - `uptimePct`: 100 × (window − downtime) / window, downtime = incidents merged where they
 *   overlap and clipped to the window (an incident spanning an edge counts only inside it);
 * - `mttrMinutes`: mean duration of incidents started in the window and resolved by its end;
 * - `incidents30d`: incidents started in the 30 days before the window's end;
 * - `changeFailureRatePct`: the DORA change failure rate, in percent (`causes`: deployment ids
 *   that incidents of other services name, see `incidentCauses`).
 * Returns `null` when nothing in the events touches the window (no deployment in it and no
 * incident overlapping it or the last 30 days): no data, not a perfect score. With data, an
 * absent sample is scored as its best value (no resolved incident: MTTR 0; no deployment: CFR
 * 0), and the sample sizes are returned so that a report can say so.
 */
export function deriveReliability(
  events: Iterable<DeliveryEvent>,
  window: TimeWindow,
  causes: ReadonlySet<string> = new Set(),
): DerivedReliability | null {
  const list = [...events];
  const incidents = list.filter((e): e is IncidentEvent => e.type === 'incident');
  const dora = doraMetrics(list, window, causes);
  const last30 = { start: window.end - 30 * DAY_MS, end: window.end };
  const incidents30d = incidents.filter((i) => i.start >= last30.start && i.start < last30.end).length;
  const overlapping = incidents.filter((i) => i.start < window.end && (i.resolved ?? window.end) > window.start);
  const deployments = dora.changeFailureRate?.deployments ?? 0;
  if (deployments === 0 && overlapping.length === 0 && incidents30d === 0) return null;

  const length = window.end - window.start;
  const downtime = coveredLength(incidentDowntime(overlapping, window));
  const resolved = incidents.filter(
    (i) => i.start >= window.start && i.start < window.end && i.resolved !== undefined && i.resolved <= window.end,
  );
  const totalRestore = resolved.reduce((sum, i) => sum + ((i.resolved ?? i.start) - i.start), 0);
  return {
    metrics: {
      uptimePct: length <= 0 ? 100 : ((length - downtime) / length) * 100,
      mttrMinutes: resolved.length === 0 ? 0 : totalRestore / resolved.length / MINUTE_MS,
      incidents30d,
      changeFailureRatePct: (dora.changeFailureRate?.rate ?? 0) * 100,
    },
    downtimeMinutes: downtime / MINUTE_MS,
    resolvedIncidents: resolved.length,
    deployments,
    dora,
  };
}
