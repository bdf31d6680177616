import { nameProblem } from '@pt/input';
import type { DeliveryEvent, DeploymentStatus } from './schema.js';
import { parseTimestamp } from './time.js';

/**
 * A hand-written check of the event schema for the happy path: it accepts exactly what
 * `EventSchema` accepts and returns the same value, or returns `null` and the caller runs the
 * schema to explain what is wrong. zod stays the single source of truth for messages; this is
 * about 10 times faster on a million records (a property test holds the two equal).
 */
const LIMITS = { id: 200, service: 200, team: 200, severity: 50 } as const;

function text(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

/** A name the schema accepts (no control or format characters, NFC); else the schema says why. */
function name(value: unknown, max: number): value is string {
  return text(value, max) && nameProblem(value) === undefined;
}

const DEPLOYMENT_KEYS = new Set(['type', 'id', 'service', 'team', 'time', 'status', 'changes', 'unplanned']);
const CHANGE_KEYS = new Set(['type', 'id', 'service', 'team', 'time']);
const INCIDENT_KEYS = new Set(['type', 'id', 'service', 'team', 'start', 'resolved', 'severity', 'deployment']);
const STATUSES = new Set<string>(['success', 'failed', 'rolled-back']);

function onlyKeys(raw: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in raw) if (!allowed.has(key)) return false;
  // `for…in` skips a non-enumerable or inherited key; JSON.parse makes every key own and enumerable.
  return Object.getPrototypeOf(raw) === Object.prototype;
}

/** The event, or `null` when anything is off (then the schema says what). */
export function fastEvent(raw: unknown): DeliveryEvent | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (!text(r['id'], LIMITS.id) || !name(r['service'], LIMITS.service)) return null;
  const team = r['team'];
  if (team !== undefined && !name(team, LIMITS.team)) return null;
  const base = { id: r['id'], service: r['service'], ...(team === undefined ? {} : { team }) };
  switch (r['type']) {
    case 'deployment': {
      if (!onlyKeys(r, DEPLOYMENT_KEYS)) return null;
      const time = typeof r['time'] === 'string' ? parseTimestamp(r['time']) : null;
      const status = r['status'];
      if (time === null || typeof status !== 'string' || !STATUSES.has(status)) return null;
      const changes = r['changes'];
      if (changes !== undefined && (!Array.isArray(changes) || !changes.every((c) => text(c, LIMITS.id)))) return null;
      const unplanned = r['unplanned'];
      if (unplanned !== undefined && typeof unplanned !== 'boolean') return null;
      return {
        type: 'deployment',
        ...base,
        time,
        status: status as DeploymentStatus,
        ...(changes === undefined ? {} : { changes: [...changes] }),
        ...(unplanned === undefined ? {} : { unplanned }),
      };
    }
    case 'change': {
      if (!onlyKeys(r, CHANGE_KEYS)) return null;
      const time = typeof r['time'] === 'string' ? parseTimestamp(r['time']) : null;
      return time === null ? null : { type: 'change', ...base, time };
    }
    case 'incident': {
      if (!onlyKeys(r, INCIDENT_KEYS)) return null;
      const start = typeof r['start'] === 'string' ? parseTimestamp(r['start']) : null;
      if (start === null || !text(r['severity'], LIMITS.severity)) return null;
      const resolvedText = r['resolved'];
      const resolved = typeof resolvedText === 'string' ? parseTimestamp(resolvedText) : undefined;
      if (resolved === null || (resolvedText !== undefined && resolved === undefined)) return null;
      if (resolved !== undefined && resolved < start) return null;
      const deployment = r['deployment'];
      if (deployment !== undefined && !text(deployment, LIMITS.id)) return null;
      return {
        type: 'incident',
        ...base,
        start,
        ...(resolved === undefined ? {} : { resolved }),
        severity: r['severity'],
        ...(deployment === undefined ? {} : { deployment }),
      };
    }
    default:
      return null;
  }
}
