import { dump } from 'js-yaml';
import type { ServiceSpec } from '@pt/toolkit';
import { generateServices, type FleetGenOptions } from './generate.js';

export type FleetFormat = 'json' | 'yaml';

/** Services serialised per chunk handed to the sink: few writes, bounded memory. */
const SERVICES_PER_CHUNK = 2000;

/** Services as items of the `services:` list: block style, flow style for small leaves, as people write them. */
function yamlServices(specs: readonly ServiceSpec[]): string {
  // One dump per chunk: js-yaml's set-up per call costs more than a small service.
  const text = dump(specs, { flowLevel: 3, lineWidth: -1, noRefs: true });
  return `\n${text.trimEnd().replace(/^(?=.)/gm, '  ')}`;
}

/**
 * Writes a synthetic fleet file through `sink`, chunk by chunk, never holding the whole file.
 * `sink` may return a promise (e.g. to wait for a stream to drain).
 */
export async function writeFleet(
  sink: (chunk: string) => void | Promise<void>,
  options: FleetGenOptions,
  format: FleetFormat,
): Promise<void> {
  const header =
    format === 'json'
      ? '{\n  "apiVersion": "pt/v1",\n  "kind": "Fleet",\n  "services": ['
      : `# Synthetic fleet: ${options.services} services, seed ${options.seed}.\napiVersion: pt/v1\nkind: Fleet\nservices:`;
  let chunk = header;
  let count = 0;
  let pending: ServiceSpec[] = [];
  for (const spec of generateServices(options)) {
    if (format === 'json') chunk += `${count === 0 ? '' : ','}\n    ${JSON.stringify(spec)}`;
    else pending.push(spec);
    count++;
    if (count % SERVICES_PER_CHUNK === 0) {
      if (pending.length > 0) chunk += yamlServices(pending);
      pending = [];
      await sink(chunk);
      chunk = '';
    }
  }
  if (pending.length > 0) chunk += yamlServices(pending);
  if (format === 'json') chunk += count === 0 ? ']\n}\n' : '\n  ]\n}\n';
  else chunk += count === 0 ? ' []\n' : '\n';
  await sink(chunk);
}

/** The whole fleet file as one string: for small fleets and tests. */
export async function fleetText(options: FleetGenOptions, format: FleetFormat): Promise<string> {
  const parts: string[] = [];
  await writeFleet((chunk) => void parts.push(chunk), options, format);
  return parts.join('');
}
