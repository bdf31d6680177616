import type { DeliveryEvent } from '../events/schema.js';
import { formatTimestamp } from '../events/time.js';

/** Events as the JSON Lines `parseEvents` reads: one object per line, times as ISO 8601 in UTC. */
export function formatEventsJsonl(events: readonly DeliveryEvent[]): string {
  return events
    .map((e) => {
      const line =
        e.type === 'incident'
          ? {
              ...e,
              start: formatTimestamp(e.start),
              ...(e.resolved === undefined ? {} : { resolved: formatTimestamp(e.resolved) }),
            }
          : { ...e, time: formatTimestamp(e.time) };
      return `${JSON.stringify(line)}\n`;
    })
    .join('');
}

/** `N records skipped` with the first few examples and why, for stderr; empty when none were. */
export function describeSkipped(
  source: string,
  skipped: readonly { readonly record: string; readonly reason: string }[],
  examples = 5,
): string {
  if (skipped.length === 0) return '';
  const n = skipped.length;
  const lines = skipped.slice(0, examples).map((s) => `  ${s.record}: ${s.reason}\n`);
  const more = n > examples ? `  … and ${n - examples} more\n` : '';
  return `pt: ${source}: skipped ${n} record${n === 1 ? '' : 's'}:\n${lines.join('')}${more}`;
}
