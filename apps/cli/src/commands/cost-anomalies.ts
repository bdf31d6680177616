import { refuseOption, type CommandRun } from '../command.js';
import { loadCostRun } from '../cost/inputs.js';
import { EXIT_CODES } from '../errors.js';
import { write } from '../stdio.js';

/** `pt cost anomalies <focus.csv…>`: days whose cost per service is anomalous. */
export const costAnomalies: CommandRun = async ({ values, positionals }, io) => {
  refuseOption(values, 'fail-on', "'pt cost summary'");
  const { lib, config, anomalySettings, cube, cut, range, currency, format, services } = await loadCostRun(
    values,
    positionals,
    io,
  );
  const analysis = lib.analyzeBilling({
    cube,
    config: { ...config, anomalies: anomalySettings },
    ...(services === undefined ? {} : { services }),
  });
  const anomalies = analysis.anomalies.filter((a) => currency === undefined || a.currency === currency);
  const round = (n: number, c: string) => Number(n.toFixed(lib.minorDigits(c)));
  if (format === 'json') {
    const json = {
      schemaVersion: 1,
      metric: cube.metric,
      threshold: anomalySettings.threshold,
      minCost: anomalySettings.minCost,
      days: analysis.days.length,
      anomalies: anomalies.map((a) => ({
        currency: a.currency,
        service: a.service,
        day: a.day,
        direction: a.direction,
        amount: round(a.amount, a.currency),
        median: round(a.median, a.currency),
        score: Math.round(a.score * 10) / 10,
        capped: a.capped,
        activeDays: a.activeDays,
      })),
      ...(range === null
        ? {}
        : {
            range: {
              from: range.from ?? null,
              to: range.to ?? null,
              rowsInside: cut.rowsInside,
              rowsOutside: cut.rowsOutside,
            },
          }),
    };
    await write(io.stdout, `${JSON.stringify(json, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  const md = format === 'markdown';
  const cellsOf = anomalies.map((a) => {
    const who = [...(a.service ?? '(unallocated)')]
      .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '?' : ch))
      .join('');
    const score = `${a.capped ? (a.score > 0 ? '≥' : '≤') : ''}${Math.round(a.score * 10) / 10}`;
    return [
      a.day,
      who,
      a.direction,
      `${round(a.amount, a.currency).toFixed(lib.minorDigits(a.currency))} ${a.currency}`,
      `${round(a.median, a.currency).toFixed(lib.minorDigits(a.currency))} ${a.currency}`,
      score,
    ];
  });
  const lines = cellsOf.map((cells) => `| ${cells.map((c) => lib.escapeMarkdown(c)).join(' | ')} |`);
  const head = ['Day', 'Service', 'Direction', 'Cost', 'Median', 'z'];
  let body: string[];
  if (md) {
    body = [`| ${head.join(' | ')} |`, '| --- | --- | --- | ---: | ---: | ---: |', ...lines];
  } else {
    const all = [head, ...cellsOf];
    const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    body = all.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  }
  const capped = anomalies.filter((a) => a.capped);
  const note =
    capped.length === 0
      ? ''
      : `|z| ≥ ${lib.MAX_ANOMALY_Z}: capped where the daily cost hardly varies or is mostly 0 (cost on ` +
        `${[...new Set(capped.map((a) => a.activeDays))].sort((x, y) => x - y).join(', ')} of ${analysis.days.length} days), ` +
        'so the median deviation is near 0 and z only says "far out", not how far.\n';
  const covered = range === null ? '' : `${lib.describeRange(cut, range)}\n`;
  const text =
    (anomalies.length === 0
      ? `No anomalies in ${analysis.days.length} days (threshold ${anomalySettings.threshold}, minimum ${anomalySettings.minCost}).\n`
      : `${body.join('\n')}\n${note}`) + covered;
  await write(io.stdout, text);
  return EXIT_CODES.ok;
};
