import type { Report } from '../report/schema.js';

/** Report v1 as pretty-printed JSON, with a final newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
