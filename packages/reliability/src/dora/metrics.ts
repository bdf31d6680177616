import type { ChangeEvent, DeliveryEvent, DeploymentEvent, IncidentEvent } from '../events/schema.js';
import type { TimeWindow } from '../events/time.js';
import {
  DAY_MS,
  DORA_2024,
  WEEK_MS,
  frequencyBucket,
  levelFor,
  worstLevel,
  type DeploymentFrequencyBucket,
  type DoraLevel,
} from './levels.js';
import { median, percentile } from './stats.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Deployments per day and week over the window, and the DORA bucket. */
export interface DeploymentFrequency {
  readonly deployments: number;
  readonly perDay: number;
  readonly perWeek: number;
  readonly bucket: DeploymentFrequencyBucket;
  readonly level: DoraLevel;
}

/** Commit → deployed, over the changes first shipped by a successful deployment in the window. */
export interface LeadTime {
  readonly changes: number;
  readonly medianHours: number;
  readonly p90Hours: number;
  readonly level: DoraLevel;
}

/** Failed or rolled-back deployments, or deployments an incident names as its cause, / deployments. */
export interface ChangeFailureRate {
  readonly deployments: number;
  readonly failed: number;
  /** 0..1 */
  readonly rate: number;
  readonly level: DoraLevel;
}

/**
 * Median duration of the incidents that started in the window and were resolved by its end.
 * Not one of DORA 2024's keys, so not classified: the levels' fourth row is the failed
 * deployment recovery time.
 */
export interface TimeToRestore {
  readonly incidents: number;
  readonly medianMinutes: number;
}

/**
 * DORA 2024's fourth key: for each failed deployment in the window (failed, rolled back, or named
 * by an incident as its cause), the time until the next successful deployment of the same
 * service; the median over those recovered by the window's end.
 */
export interface FailedDeploymentRecoveryTime {
  /** Failed deployments in the window recovered by its end (the sample). */
  readonly deployments: number;
  readonly medianMinutes: number;
  readonly level: DoraLevel;
}

/** Unplanned deployments (fixing a user-facing issue) / deployments. DORA 2024 publishes no levels for it. */
export interface ReworkRate {
  readonly deployments: number;
  readonly unplanned: number;
  /** 0..1 */
  readonly rate: number;
}

/** What could not be used, counted so that nothing is dropped silently. */
export interface DoraDataNotes {
  /** Change ids a deployment names that no change event defines. */
  readonly unknownChanges: number;
  /** Changes whose first successful deployment is earlier than the change itself. */
  readonly changesAfterDeployment: number;
  /** Incidents that started in the window and were still open at its end. */
  readonly openIncidents: number;
  /** Failed deployments in the window with no successful deployment of their service after them by its end. */
  readonly unrecoveredDeployments: number;
}

/**
 * The DORA metrics of one service or team over a window. A metric without data in the window is
 * `null` ("no data"), never 0: no deployments, no shipped changes, no resolved incidents.
 */
export interface DoraMetrics {
  readonly deploymentFrequency: DeploymentFrequency | null;
  readonly leadTime: LeadTime | null;
  readonly changeFailureRate: ChangeFailureRate | null;
  readonly timeToRestore: TimeToRestore | null;
  readonly failedDeploymentRecoveryTime: FailedDeploymentRecoveryTime | null;
  readonly reworkRate: ReworkRate | null;
  /**
   * The worst level among the four DORA 2024 keys that have data (deployment frequency, lead
   * time, change failure rate, failed deployment recovery time); `null` if none has.
   */
  readonly level: DoraLevel | null;
  readonly notes: DoraDataNotes;
}

const inWindow = (time: number, window: TimeWindow) => time >= window.start && time < window.end;

interface Split {
  readonly deployments: DeploymentEvent[];
  readonly changes: ChangeEvent[];
  readonly incidents: IncidentEvent[];
}

function split(events: Iterable<DeliveryEvent>): Split {
  const out: Split = { deployments: [], changes: [], incidents: [] };
  for (const e of events) {
    if (e.type === 'deployment') out.deployments.push(e);
    else if (e.type === 'change') out.changes.push(e);
    else out.incidents.push(e);
  }
  return out;
}

function leadTimes(
  { deployments, changes }: Split,
  window: TimeWindow,
): { values: number[]; unknown: number; negative: number } {
  // Each change counts once, at the earliest successful deployment that shipped it.
  const firstShipped = new Map<string, number>();
  let unknown = 0;
  const changeTime = new Map<string, number>();
  for (const c of changes) changeTime.set(c.id, c.time);
  for (const d of deployments) {
    if (d.status !== 'success') continue;
    for (const id of d.changes ?? []) {
      if (!changeTime.has(id)) {
        unknown++;
        continue;
      }
      const shipped = firstShipped.get(id);
      if (shipped === undefined || d.time < shipped) firstShipped.set(id, d.time);
    }
  }
  const values: number[] = [];
  let negative = 0;
  for (const [id, shipped] of firstShipped) {
    if (!inWindow(shipped, window)) continue;
    const lead = shipped - (changeTime.get(id) ?? shipped);
    if (lead < 0) negative++;
    else values.push(lead);
  }
  return { values, unknown, negative };
}

/**
 * Minutes from each failed deployment to the next successful deployment of its service (a
 * deployment an incident names is not a success), for the failed ones in the window recovered
 * by its end; the others are counted as unrecovered.
 */
function recoveryTimes(
  all: readonly DeploymentEvent[],
  failed: readonly DeploymentEvent[],
  isFailed: (d: DeploymentEvent) => boolean,
  window: TimeWindow,
): { values: number[]; unrecovered: number } {
  const successes = new Map<string, number[]>();
  for (const d of all) {
    if (isFailed(d)) continue;
    const list = successes.get(d.service);
    if (list === undefined) successes.set(d.service, [d.time]);
    else list.push(d.time);
  }
  for (const list of successes.values()) list.sort((a, b) => a - b);
  const values: number[] = [];
  let unrecovered = 0;
  for (const d of failed) {
    const next = successes.get(d.service)?.find((t) => t > d.time);
    if (next === undefined || next > window.end) unrecovered++;
    else values.push(next - d.time);
  }
  return { values, unrecovered };
}

/**
 * DORA metrics of a set of events (one service or one team) over `window`. Deployments count
 * when their time is in `[start, end)`; incidents when they start in it. `causes`: ids of
 * deployments that incidents elsewhere (e.g. in another service) name as their cause. Pure and
 * independent of the order of `events`.
 */
export function doraMetrics(
  events: Iterable<DeliveryEvent>,
  window: TimeWindow,
  causes: ReadonlySet<string> = new Set(),
): DoraMetrics {
  const all = split(events);
  const days = (window.end - window.start) / DAY_MS;
  const deployments = all.deployments.filter((d) => inWindow(d.time, window));
  const n = deployments.length;

  const deploymentFrequency: DeploymentFrequency | null =
    n === 0 || days <= 0
      ? null
      : (() => {
          const perDay = n / days;
          const bucket = frequencyBucket(perDay);
          return {
            deployments: n,
            perDay,
            perWeek: n / ((window.end - window.start) / WEEK_MS),
            bucket,
            level: DORA_2024.deploymentFrequency[bucket],
          };
        })();

  const lead = leadTimes(all, window);
  const leadMedian = median(lead.values);
  const leadTime: LeadTime | null =
    leadMedian === null
      ? null
      : {
          changes: lead.values.length,
          medianHours: leadMedian / HOUR_MS,
          p90Hours: (percentile(lead.values, 90) ?? 0) / HOUR_MS,
          level: levelFor(DORA_2024.leadTime, leadMedian),
        };

  const causedIncident = new Set<string>(causes);
  for (const i of all.incidents) if (i.deployment !== undefined) causedIncident.add(i.deployment);
  const isFailed = (d: DeploymentEvent) => d.status !== 'success' || causedIncident.has(d.id);
  const failedList = deployments.filter(isFailed);
  const failed = failedList.length;
  const changeFailureRate: ChangeFailureRate | null =
    n === 0
      ? null
      : {
          deployments: n,
          failed,
          rate: failed / n,
          level: levelFor(DORA_2024.changeFailureRate, failed / n),
        };

  const started = all.incidents.filter((i) => inWindow(i.start, window));
  const durations = started
    .filter((i) => i.resolved !== undefined && i.resolved <= window.end)
    .map((i) => (i.resolved ?? i.start) - i.start);
  const restoreMedian = median(durations);
  const timeToRestore: TimeToRestore | null =
    restoreMedian === null ? null : { incidents: durations.length, medianMinutes: restoreMedian / MINUTE_MS };

  const recovery = recoveryTimes(all.deployments, failedList, isFailed, window);
  const recoveryMedian = median(recovery.values);
  const failedDeploymentRecoveryTime: FailedDeploymentRecoveryTime | null =
    recoveryMedian === null
      ? null
      : {
          deployments: recovery.values.length,
          medianMinutes: recoveryMedian / MINUTE_MS,
          level: levelFor(DORA_2024.failedDeploymentRecoveryTime, recoveryMedian),
        };

  const unplanned = deployments.filter((d) => d.unplanned === true).length;
  const reworkRate: ReworkRate | null = n === 0 ? null : { deployments: n, unplanned, rate: unplanned / n };

  return {
    deploymentFrequency,
    leadTime,
    changeFailureRate,
    timeToRestore,
    failedDeploymentRecoveryTime,
    reworkRate,
    level: worstLevel([
      deploymentFrequency?.level ?? null,
      leadTime?.level ?? null,
      changeFailureRate?.level ?? null,
      failedDeploymentRecoveryTime?.level ?? null,
    ]),
    notes: {
      unknownChanges: lead.unknown,
      changesAfterDeployment: lead.negative,
      openIncidents: started.length - durations.length,
      unrecoveredDeployments: recovery.unrecovered,
    },
  };
}

/** Ids of the deployments that incidents name as their cause, across all services. */
export function incidentCauses(events: Iterable<DeliveryEvent>): Set<string> {
  const causes = new Set<string>();
  for (const e of events) if (e.type === 'incident' && e.deployment !== undefined) causes.add(e.deployment);
  return causes;
}

/** DORA metrics of one group (a service or a team). */
export interface DoraGroup {
  readonly group: string;
  readonly events: number;
  readonly metrics: DoraMetrics;
}

/** DORA metrics per group, sorted by group name, and the events no group took. */
export interface DoraByGroup {
  readonly groups: DoraGroup[];
  /** Events `groupOf` returned `undefined` for, counted per service. */
  readonly ungrouped: { readonly service: string; readonly events: number }[];
}

/**
 * Splits events by `groupOf` (e.g. the service, or its team) and computes each group's metrics.
 * An incident counts against the deployment it names whichever group either is in.
 * Events without a group are counted per service in `ungrouped`, never dropped silently.
 */
export function doraByGroup(
  events: readonly DeliveryEvent[],
  window: TimeWindow,
  groupOf: (event: DeliveryEvent) => string | undefined = (e) => e.service,
): DoraByGroup {
  const groups = new Map<string, DeliveryEvent[]>();
  const ungrouped = new Map<string, number>();
  const causes = incidentCauses(events);
  for (const event of events) {
    const group = groupOf(event);
    if (group === undefined) {
      ungrouped.set(event.service, (ungrouped.get(event.service) ?? 0) + 1);
      continue;
    }
    const list = groups.get(group);
    if (list === undefined) groups.set(group, [event]);
    else list.push(event);
  }
  const byName = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    groups: byName(groups).map(([group, list]) => ({
      group,
      events: list.length,
      metrics: doraMetrics(list, window, causes),
    })),
    ungrouped: byName(ungrouped).map(([service, count]) => ({ service, events: count })),
  };
}
