import { roundHalfAwayFromZero } from '@pt/input';
import * as z from 'zod';
import type { DeliveryEvent } from '../events/schema.js';
import { formatTimestamp, type TimeWindow } from '../events/time.js';
import { DAY_MS, DeploymentFrequencyBucketSchema, DoraLevelSchema, isBelowLevel, type DoraLevel } from './levels.js';
import { doraByGroup, type DoraMetrics } from './metrics.js';

const r = roundHalfAwayFromZero;
const level = DoraLevelSchema;

/** One group's DORA metrics as `pt dora --format json` prints them; `null` is "no data". */
export const DoraGroupReportSchema = z.strictObject({
  name: z.string(),
  events: z.number().int(),
  level: level.nullable().describe('Worst level of the four classified metrics with data.'),
  deploymentFrequency: z
    .strictObject({
      deployments: z.number().int(),
      perDay: z.number().describe('3 decimals.'),
      perWeek: z.number().describe('2 decimals.'),
      bucket: DeploymentFrequencyBucketSchema,
      level,
    })
    .nullable(),
  leadTime: z
    .strictObject({
      changes: z.number().int(),
      medianHours: z.number().describe('2 decimals.'),
      p90Hours: z.number().describe('2 decimals, nearest rank.'),
      level,
    })
    .nullable(),
  changeFailureRate: z
    .strictObject({ deployments: z.number().int(), failed: z.number().int(), ratePct: z.number(), level })
    .nullable(),
  timeToRestore: z
    .strictObject({ incidents: z.number().int(), medianMinutes: z.number() })
    .nullable()
    .describe('Incident time to restore (median, 1 decimal); not a DORA 2024 key, so not classified.'),
  failedDeploymentRecoveryTime: z
    .strictObject({ deployments: z.number().int(), medianMinutes: z.number(), level })
    .nullable()
    .describe('DORA 2024: failed deployment → next successful deployment of the service (median, 1 decimal).'),
  reworkRate: z
    .strictObject({ deployments: z.number().int(), unplanned: z.number().int(), ratePct: z.number() })
    .nullable()
    .describe('No published DORA 2024 levels: not classified.'),
  notes: z.strictObject({
    unknownChanges: z.number().int(),
    changesAfterDeployment: z.number().int(),
    openIncidents: z.number().int(),
    unrecoveredDeployments: z.number().int(),
  }),
});
export type DoraGroupReport = z.infer<typeof DoraGroupReportSchema>;

/** `pt dora --format json`. */
export const DoraReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  window: z.strictObject({ start: z.string(), end: z.string(), days: z.number() }),
  by: z.enum(['service', 'team']),
  groups: z.array(DoraGroupReportSchema),
  /** Events no group took: their service is not in the fleet, or (by team, without a fleet) they name no team. */
  ungrouped: z.array(
    z.strictObject({ service: z.string(), events: z.number().int(), reason: z.enum(['not in fleet', 'no team']) }),
  ),
});
export type DoraReport = z.infer<typeof DoraReportSchema>;
export type DoraGrouping = DoraReport['by'];

/** What `buildDoraReport` reads of a fleet: its services' names and teams (a fleet file is one). */
export interface DoraFleet {
  readonly services: readonly { readonly name: string; readonly team: string }[];
}

export interface DoraReportOptions {
  /** Group by service (default) or by team. */
  readonly by?: DoraGrouping;
  /**
   * Service → team, and the set of known services. With a fleet, events of services not in it
   * are reported in `ungrouped`; by team, the fleet's team wins over an event's `team` field.
   */
  readonly fleet?: DoraFleet;
}

function groupReport(name: string, events: number, m: DoraMetrics): DoraGroupReport {
  const df = m.deploymentFrequency;
  const lt = m.leadTime;
  const cfr = m.changeFailureRate;
  const ttr = m.timeToRestore;
  const rw = m.reworkRate;
  const fdrt = m.failedDeploymentRecoveryTime;
  return {
    name,
    events,
    level: m.level,
    deploymentFrequency:
      df === null
        ? null
        : {
            deployments: df.deployments,
            perDay: r(df.perDay, 3),
            perWeek: r(df.perWeek, 2),
            bucket: df.bucket,
            level: df.level,
          },
    leadTime:
      lt === null
        ? null
        : { changes: lt.changes, medianHours: r(lt.medianHours, 2), p90Hours: r(lt.p90Hours, 2), level: lt.level },
    changeFailureRate:
      cfr === null
        ? null
        : { deployments: cfr.deployments, failed: cfr.failed, ratePct: r(cfr.rate * 100, 1), level: cfr.level },
    timeToRestore: ttr === null ? null : { incidents: ttr.incidents, medianMinutes: r(ttr.medianMinutes, 1) },
    failedDeploymentRecoveryTime:
      fdrt === null
        ? null
        : { deployments: fdrt.deployments, medianMinutes: r(fdrt.medianMinutes, 1), level: fdrt.level },
    reworkRate:
      rw === null ? null : { deployments: rw.deployments, unplanned: rw.unplanned, ratePct: r(rw.rate * 100, 1) },
    notes: { ...m.notes },
  };
}

/**
 * DORA metrics per service or per team over `window`, ready to render. Events that no group
 * takes are listed in `ungrouped` with the reason, never dropped.
 */
export function buildDoraReport(
  events: readonly DeliveryEvent[],
  window: TimeWindow,
  options: DoraReportOptions = {},
): DoraReport {
  const by = options.by ?? 'service';
  const teams = options.fleet === undefined ? undefined : new Map(options.fleet.services.map((s) => [s.name, s.team]));
  const groupOf = (e: DeliveryEvent): string | undefined => {
    if (teams !== undefined) {
      const team = teams.get(e.service);
      return team === undefined ? undefined : by === 'team' ? team : e.service;
    }
    return by === 'team' ? e.team : e.service;
  };
  const result = doraByGroup(events, window, groupOf);
  return {
    schemaVersion: 1,
    window: {
      start: formatTimestamp(window.start),
      end: formatTimestamp(window.end),
      days: r((window.end - window.start) / DAY_MS, 3),
    },
    by,
    groups: result.groups.map((g) => groupReport(g.group, g.events, g.metrics)),
    ungrouped: result.ungrouped.map((u) => ({
      ...u,
      reason: teams !== undefined ? ('not in fleet' as const) : ('no team' as const),
    })),
  };
}

/**
 * The groups whose DORA level is below `floor` (`pt dora --fail-below`), in report order. A
 * group without a level (no classified metric has data) is not below anything: it is in
 * `unrated`, for the CLI to say so.
 */
export function groupsBelow(
  report: DoraReport,
  floor: DoraLevel,
): { readonly below: readonly DoraGroupReport[]; readonly unrated: readonly DoraGroupReport[] } {
  return {
    below: report.groups.filter((g) => g.level !== null && isBelowLevel(g.level, floor)),
    unrated: report.groups.filter((g) => g.level === null),
  };
}
