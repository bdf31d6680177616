import type { Report, ReportSummary, ServiceReport } from '../report/schema.js';

/** Report v1 as pretty-printed JSON, with a final newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** What `JSON.stringify({ s: [...] }, null, 2)` puts around the list's items. */
const WRAPPER_HEAD = '{\n  "s": [';
const WRAPPER_TAIL = '\n  ]\n}';

/**
 * {@link renderJson} in pieces, for a report written while its services are still being read:
 * `head` + `services` of consecutive runs + `tail` is the same text, byte for byte.
 */
export const renderJsonParts = {
  /** Everything before the first service. */
  head(schemaVersion: Report['schemaVersion'], summary: ReportSummary): string {
    const summaryText = JSON.stringify(summary, null, 2).replaceAll('\n', '\n  ');
    return `{\n  "schemaVersion": ${schemaVersion},\n  "summary": ${summaryText},\n  "services": [`;
  },
  /**
   * Consecutive entries of `services`; `index` is the position of the first in the list. One
   * `JSON.stringify` nests them as deep as they sit in the report, then the wrapper is cut off.
   */
  services(services: readonly ServiceReport[], index: number): string {
    if (services.length === 0) return '';
    const text = JSON.stringify({ s: services }, null, 2);
    return `${index === 0 ? '' : ','}${text.slice(WRAPPER_HEAD.length, text.length - WRAPPER_TAIL.length)}`;
  },
  /** Everything after the last service; `count` services were written. */
  tail(count: number): string {
    return count === 0 ? ']\n}\n' : '\n  ]\n}\n';
  },
};
