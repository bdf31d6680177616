import type { ChangeEvent, DeploymentEvent, DeploymentStatus, IncidentEvent } from '../events/schema.js';
import type { TimeWindow } from '../events/time.js';

/** Test helpers: events at readable times. Not exported from the package. */
export const HOUR = 3_600_000;
export const MIN = 60_000;
export const DAY = 24 * HOUR;
/** 2026-11-01T00:00Z plus `hours`. */
export const at = (hours: number) => Date.UTC(2026, 10, 1) + hours * HOUR;
/** 28 days, 2026-11-01 to 2026-11-29 (exactly four weeks). */
export const WINDOW: TimeWindow = { start: at(0), end: at(28 * 24) };

let n = 0;
export function deploy(
  hours: number,
  status: DeploymentStatus = 'success',
  extra: Partial<Omit<DeploymentEvent, 'type' | 'time' | 'status'>> = {},
): DeploymentEvent {
  return { type: 'deployment', id: `d${++n}`, service: 'api', time: at(hours), status, ...extra };
}
export function change(id: string, hours: number, service = 'api'): ChangeEvent {
  return { type: 'change', id, service, time: at(hours) };
}
export function incident(
  startHours: number,
  resolvedHours: number | undefined,
  extra: Partial<Omit<IncidentEvent, 'type' | 'start' | 'resolved'>> = {},
): IncidentEvent {
  const base: IncidentEvent = {
    type: 'incident',
    id: `i${++n}`,
    service: 'api',
    start: at(startHours),
    severity: 'sev2',
  };
  return { ...base, ...(resolvedHours === undefined ? {} : { resolved: at(resolvedHours) }), ...extra };
}
