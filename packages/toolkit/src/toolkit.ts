import type { SloDetailsByService } from '@pt/slo';
import { ERROR_CODES, PtError } from './errors.js';
import type { Fleet, ServiceSpec } from './fleet/schema.js';
import { PlatformService, type ServiceOptions } from './health/service.js';
import { buildReport, withCostHistory } from './report/build.js';
import type { GovernanceOptions } from '@pt/governance';

/** How a toolkit evaluates a fleet: governance options, and the evidence beyond the fleet file. */
export interface ToolkitOptions extends GovernanceOptions {
  /**
   * OpenSLO objectives evaluated per service (`evaluateSloSources`, or from Prometheus): they
   * count as the service's SLOs in the verdict and appear as the report's `sloDetails`.
   */
  readonly sloDetails?: SloDetailsByService;
}
import type { Report } from './report/schema.js';

/** What a report covers. */
export interface ReportOptions {
  /** Only services of this team. */
  readonly team?: string;
  /** Add each service's spend by month (`costHistory`), e.g. for sparklines. Default false. */
  readonly costHistory?: boolean;
}

/**
 * The facade: a set of services, each evaluated in every domain, and the fleet report.
 * Services keep the order they were registered in; names are unique.
 *
 * @example
 * const toolkit = PlatformToolkit.fromFleet(fleet);
 * toolkit.report().summary.critical;
 */
export class PlatformToolkit {
  readonly #services = new Map<string, PlatformService>();

  /**
   * A toolkit holding every service of a validated fleet, in file order. `options` picks the
   * scorecard, catalog facts, extra waivers and the day waivers are judged on (default: the
   * seed's checks as a scorecard, no waiver applied), and adds OpenSLO evidence (`sloDetails`).
   */
  static fromFleet(fleet: Fleet, options: ToolkitOptions = {}): PlatformToolkit {
    const toolkit = new PlatformToolkit();
    for (const spec of fleet.services)
      toolkit.register(new PlatformService(spec, serviceOptions(fleet, spec.name, options)));
    return toolkit;
  }

  /**
   * Adds a service. Throws `PtError` `E_DUPLICATE_SERVICE` if the name is taken. Specs are
   * trusted as typed: validate untrusted data with `parseFleet`/`validateFleet` first.
   */
  register(service: ServiceSpec | PlatformService): PlatformService {
    const evaluated = service instanceof PlatformService ? service : new PlatformService(service);
    if (this.#services.has(evaluated.name)) {
      throw new PtError(ERROR_CODES.duplicateService, `service "${evaluated.name}" is already registered`);
    }
    this.#services.set(evaluated.name, evaluated);
    return evaluated;
  }

  /** The service with this name. Throws `PtError` `E_UNKNOWN_SERVICE` when there is none. */
  get(name: string): PlatformService {
    const service = this.#services.get(name);
    if (service === undefined) throw new PtError(ERROR_CODES.unknownService, `no service named "${name}"`);
    return service;
  }

  /** Is a service with this name registered? */
  has(name: string): boolean {
    return this.#services.has(name);
  }

  /** Every service, in registration order. */
  services(): readonly PlatformService[] {
    return [...this.#services.values()];
  }

  /** Team names, in order of first appearance. */
  teams(): readonly string[] {
    return [...new Set(this.services().map((s) => s.team))];
  }

  /** Report v1 over every service, or over one team's. Read-only: nothing is modified. */
  report(options: ReportOptions = {}): Report {
    const { team } = options;
    const services = team === undefined ? this.services() : this.services().filter((s) => s.team === team);
    const report = buildReport(services);
    const { costHistory = false } = options;
    if (!costHistory) return report;
    return {
      ...report,
      services: report.services.map((s, i) => withCostHistory(s, services[i]?.cost.entries ?? [])),
    };
  }
}

/** The options one service of `fleet` is evaluated with: the fleet's waivers, its own OpenSLO objectives. */
export function serviceOptions(fleet: Fleet, service: string, options: ToolkitOptions): ServiceOptions {
  const { sloDetails, ...governance } = options;
  const details = sloDetails?.get(service);
  return {
    ...governance,
    fleetWaivers: fleet.waivers ?? [],
    ...(details === undefined ? {} : { sloDetails: details }),
  };
}
