import { nameProblem } from '@pt/input';
import * as z from 'zod';
import type { IncidentEvent } from '../events/schema.js';
import { parseTimestamp } from '../events/time.js';
import type { ImportResult, SkippedRecord } from './git.js';
import type { SourceRecord } from './github.js';

/**
 * Where the PagerDuty importer finds the deployment an incident names, unless told otherwise: the
 * custom detail `deployment` of the event that triggered it (list incidents with
 * `include[]=first_trigger_log_entries`).
 */
export const PAGERDUTY_DEPLOYMENT_FIELD = 'first_trigger_log_entry.channel.details.deployment';
/** Where the Opsgenie importer finds the deployment an alert names, unless told otherwise. */
export const OPSGENIE_DEPLOYMENT_FIELD = 'details.deployment';
/** Where the Opsgenie importer finds the service of an alert, unless told otherwise. */
export const OPSGENIE_SERVICE_FIELD = 'details.service';

export interface IncidentImportOptions {
  /** The service of every incident; default: PagerDuty's `service.summary`, Opsgenie's service field. */
  readonly service?: string;
  /** Dot path of the field naming the deployment that caused it. */
  readonly deploymentField?: string;
  /** Opsgenie: dot path of the field naming the service. */
  readonly serviceField?: string;
}

/** The value at a dot path (`details.deployment`), or undefined. */
export function fieldAt(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A string or number field as text; undefined when absent or empty. */
function textAt(value: unknown, path: string): string | undefined {
  const v = fieldAt(value, path);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The items of `{ <key>: [...] }` API responses (and of plain arrays, already flattened). */
function unwrap(records: readonly SourceRecord[], key: string): SourceRecord[] {
  return records.flatMap((r) => {
    const list = fieldAt(r.value, key);
    return Array.isArray(list) ? (list as unknown[]).map((value) => ({ source: r.source, value })) : [r];
  });
}

const time = z.string().refine((t) => parseTimestamp(t) !== null, 'must be an ISO 8601 time');
const ms = (t: string) => parseTimestamp(t) ?? 0;

/** `GET /incidents` items, fields as the PagerDuty REST API documents them. */
const PagerDutyIncidentSchema = z.object({
  id: z.string().min(1),
  created_at: time,
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  resolved_at: time.nullable().optional(),
  last_status_change_at: time.optional(),
  urgency: z.string().min(1),
  service: z.object({ summary: z.string().optional() }),
});

/** `GET /v2/alerts` (and `/v2/alerts/{id}`) items, fields as the Opsgenie Alert API documents them. */
const OpsgenieAlertSchema = z.object({
  id: z.string().min(1),
  createdAt: time,
  updatedAt: time.optional(),
  status: z.enum(['open', 'closed']),
  priority: z.string().min(1),
  report: z.object({ closeTime: z.number().nonnegative().optional() }).optional(),
});

interface Draft {
  readonly source: string;
  readonly label: string;
  readonly value: unknown;
  readonly id: string;
  readonly service: string | undefined;
  readonly start: number;
  readonly resolved: number | undefined;
  readonly severity: string;
}

function finish(
  drafts: readonly Draft[],
  skipped: SkippedRecord[],
  deploymentField: string,
  serviceHint: string,
): ImportResult {
  const events: IncidentEvent[] = [];
  const seen = new Set<string>();
  for (const d of drafts) {
    const skip = (reason: string) => skipped.push({ record: `${d.source}: ${d.label}`, reason });
    if (seen.has(d.id)) {
      skip('given twice');
      continue;
    }
    seen.add(d.id);
    if (d.service === undefined) {
      skip(`no service (${serviceHint})`);
      continue;
    }
    const problem = nameProblem(d.service);
    if (problem !== undefined) {
      skip(`service name ${problem}`);
      continue;
    }
    if (d.resolved !== undefined && d.resolved < d.start) {
      skip('resolved before it was created');
      continue;
    }
    const deployment = textAt(d.value, deploymentField);
    events.push({
      type: 'incident',
      id: d.id,
      service: d.service,
      start: d.start,
      ...(d.resolved === undefined ? {} : { resolved: d.resolved }),
      severity: d.severity.slice(0, 50),
      ...(deployment === undefined ? {} : { deployment: deployment.slice(0, 200) }),
    });
  }
  events.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  return { events, skipped };
}

function parsed<T>(
  schema: z.ZodType<T>,
  records: readonly SourceRecord[],
  what: string,
  skipped: SkippedRecord[],
): { source: string; index: number; value: unknown; data: T }[] {
  const out: { source: string; index: number; value: unknown; data: T }[] = [];
  for (const [index, r] of records.entries()) {
    const result = schema.safeParse(r.value);
    if (result.success) out.push({ source: r.source, index, value: r.value, data: result.data });
    else {
      const issue = result.error.issues[0];
      const id = textAt(r.value, 'id');
      skipped.push({
        record: `${r.source}: ${what} ${id ?? `record ${index + 1}`}`,
        reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
      });
    }
  }
  return out;
}

/**
 * Incidents from PagerDuty REST API JSON (`GET /incidents` responses or their `incidents` items):
 * start `created_at`, resolved `resolved_at` (else `last_status_change_at`) when the status is
 * `resolved`, service `service.summary`, severity `urgency`, and the causing deployment from
 * {@link PAGERDUTY_DEPLOYMENT_FIELD} (or `deploymentField`) when present.
 */
export function pagerdutyEvents(records: readonly SourceRecord[], options: IncidentImportOptions = {}): ImportResult {
  const skipped: SkippedRecord[] = [];
  const drafts: Draft[] = [];
  for (const r of parsed(PagerDutyIncidentSchema, unwrap(records, 'incidents'), 'incident', skipped)) {
    const i = r.data;
    const resolvedAt = i.resolved_at ?? i.last_status_change_at;
    if (i.status === 'resolved' && resolvedAt === undefined) {
      skipped.push({
        record: `${r.source}: incident ${i.id}`,
        reason: 'resolved, but neither resolved_at nor last_status_change_at is given',
      });
      continue;
    }
    drafts.push({
      source: r.source,
      label: `incident ${i.id}`,
      value: r.value,
      id: i.id,
      service: options.service ?? i.service.summary,
      start: ms(i.created_at),
      resolved: i.status === 'resolved' && resolvedAt !== undefined ? ms(resolvedAt) : undefined,
      severity: i.urgency,
    });
  }
  return finish(
    drafts,
    skipped,
    options.deploymentField ?? PAGERDUTY_DEPLOYMENT_FIELD,
    'service.summary is absent; give --service',
  );
}

/**
 * Incidents from Opsgenie Alert API JSON (`GET /v2/alerts` responses or their `data` items):
 * start `createdAt`; a `closed` alert is resolved `report.closeTime` ms after it was created
 * (else at `updatedAt`); severity `priority`; the service from {@link OPSGENIE_SERVICE_FIELD} (or
 * `serviceField`), the causing deployment from {@link OPSGENIE_DEPLOYMENT_FIELD} when present.
 */
export function opsgenieEvents(records: readonly SourceRecord[], options: IncidentImportOptions = {}): ImportResult {
  const skipped: SkippedRecord[] = [];
  const drafts: Draft[] = [];
  const serviceField = options.serviceField ?? OPSGENIE_SERVICE_FIELD;
  for (const r of parsed(OpsgenieAlertSchema, unwrap(records, 'data'), 'alert', skipped)) {
    const a = r.data;
    const start = ms(a.createdAt);
    const closeTime = a.report?.closeTime;
    const closedAt =
      closeTime !== undefined ? start + closeTime : a.updatedAt === undefined ? undefined : ms(a.updatedAt);
    if (a.status === 'closed' && closedAt === undefined) {
      skipped.push({
        record: `${r.source}: alert ${a.id}`,
        reason: 'closed, but neither report.closeTime nor updatedAt is given',
      });
      continue;
    }
    drafts.push({
      source: r.source,
      label: `alert ${a.id}`,
      value: r.value,
      id: a.id,
      service: options.service ?? textAt(r.value, serviceField),
      start,
      resolved: a.status === 'closed' ? closedAt : undefined,
      severity: a.priority,
    });
  }
  return finish(
    drafts,
    skipped,
    options.deploymentField ?? OPSGENIE_DEPLOYMENT_FIELD,
    `no ${serviceField}; give --service or --service-field`,
  );
}
