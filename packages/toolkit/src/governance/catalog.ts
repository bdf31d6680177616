import { importServices, type CatalogEntity } from '@pt/governance';
import { dump } from 'js-yaml';
import { FLEET_API_VERSION, type Fleet } from '../fleet/schema.js';

/** A fleet file (pt/v1) with one service per catalog Component (see `importServices`). */
export function catalogFleet(entities: readonly CatalogEntity[]): Fleet {
  return {
    apiVersion: FLEET_API_VERSION,
    kind: 'Fleet',
    services: importServices(entities).map((s) => ({
      name: s.name,
      team: s.team,
      governance: { ...s.governance },
      facts: { ...s.facts },
    })),
  };
}

/** A fleet as YAML text, ready to save and edit (`pt governance import-catalog`). */
export function renderFleetYaml(fleet: Fleet): string {
  return dump(fleet, { lineWidth: -1, noRefs: true });
}
