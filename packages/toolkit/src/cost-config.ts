import { parseCostConfig as parseCostConfigWith, type CostConfigResult } from '@pt/cost';
import { loadJson } from './fleet/parse.js';

/**
 * Parses a cost configuration file (YAML or JSON) with `@pt/cost`, JSON read by the fleet's
 * loader (same syntax errors). Never throws for bad input. Goes away, as a plain re-export, once
 * `@pt/input` exports the JSON loader.
 */
export function parseCostConfig(text: string, filename = '<input>'): CostConfigResult {
  return parseCostConfigWith(text, filename, loadJson);
}
