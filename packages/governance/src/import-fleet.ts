import { dump } from 'js-yaml';
import { importServices, type CatalogEntity, type ImportedService } from './catalog.js';

/** The `apiVersion` of the fleet file `catalogFleet` writes: fleet file v1, which `pt` reads back. */
export const IMPORTED_FLEET_API_VERSION = 'pt/v1';

/** A fleet file (v1) made from a catalog: every service has its `governance` flags and `facts`. */
export interface ImportedFleet {
  readonly apiVersion: typeof IMPORTED_FLEET_API_VERSION;
  readonly kind: 'Fleet';
  readonly services: ImportedService[];
}

/** A fleet file (pt/v1) with one service per catalog Component, or per entity of `kinds` (see `importServices`). */
export function catalogFleet(entities: readonly CatalogEntity[], kinds?: readonly string[]): ImportedFleet {
  return {
    apiVersion: IMPORTED_FLEET_API_VERSION,
    kind: 'Fleet',
    services: importServices(entities, kinds).map((s) => ({
      name: s.name,
      team: s.team,
      governance: { ...s.governance },
      facts: { ...s.facts },
    })),
  };
}

/**
 * A fleet as YAML text, ready to save and edit (`pt governance import-catalog`). Any fleet file
 * value is taken (`catalogFleet`'s, or a whole fleet file with every section), written as it is.
 */
export function renderFleetYaml(fleet: {
  readonly apiVersion: string;
  readonly kind: string;
  readonly services: readonly object[];
}): string {
  return dump(fleet, { lineWidth: -1, noRefs: true });
}
