import {
  deriveReliability,
  incidentCauses,
  lastPeriods,
  serviceDora,
  serviceTrend,
  type DeliveryEvent,
  type TimeWindow,
  type TrendEvery,
} from '@pt/reliability';
import type { Fleet } from '../fleet/schema.js';
import { PlatformService, type ServiceOptions } from '../health/service.js';
import { PlatformToolkit, serviceOptions, type ToolkitOptions } from '../toolkit.js';

/** Events whose service is not in the fleet, counted per service. */
export interface UnmatchedEvents {
  readonly service: string;
  readonly events: number;
}

/** The trend each service's `dora` key shows: the last `periods` periods of `every` ending at the window end. */
export interface EventsTrend {
  readonly every: TrendEvery;
  readonly periods: number;
}

/** A toolkit whose services take their reliability from events where events give it. */
export interface EventsToolkit {
  readonly toolkit: PlatformToolkit;
  /** Names of the services whose reliability came from events. */
  readonly fromEvents: readonly string[];
  /** Events for services the fleet does not have: counted, never dropped silently. */
  readonly unmatched: readonly UnmatchedEvents[];
}

/**
 * Builds a toolkit from a fleet and delivery/incident events: each service with events touching
 * `window` gets its `reliability` section derived from them (replacing a hand-typed one) and a
 * `dora` key in the report saying so (with its `trend` when `trend` is given); other services
 * keep their fleet section.
 */
export function toolkitWithEvents(
  fleet: Fleet,
  events: readonly DeliveryEvent[],
  window: TimeWindow,
  governance: ToolkitOptions = {},
  trend?: EventsTrend,
): EventsToolkit {
  const byService = new Map<string, DeliveryEvent[]>();
  for (const e of events) {
    const list = byService.get(e.service);
    if (list === undefined) byService.set(e.service, [e]);
    else list.push(e);
  }
  const causes = incidentCauses(events);
  const periods = trend === undefined || trend.periods <= 0 ? [] : lastPeriods(window.end, trend.every, trend.periods);
  const toolkit = new PlatformToolkit();
  const fromEvents: string[] = [];
  for (const spec of fleet.services) {
    const own = byService.get(spec.name);
    byService.delete(spec.name);
    const options: ServiceOptions = serviceOptions(fleet, spec.name, governance);
    const derived = own === undefined ? null : deriveReliability(own, window, causes);
    if (own === undefined || derived === null) {
      toolkit.register(new PlatformService(spec, options));
      continue;
    }
    const dora = serviceDora(
      derived,
      window,
      trend === undefined || periods.length === 0 ? undefined : serviceTrend(own, periods, trend.every, causes),
    );
    toolkit.register(new PlatformService({ ...spec, reliability: derived.metrics }, { ...options, dora }));
    fromEvents.push(spec.name);
  }
  const unmatched = [...byService]
    .map(([service, list]) => ({ service, events: list.length }))
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  return { toolkit, fromEvents, unmatched };
}
