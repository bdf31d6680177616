import { choiceOption, refuseOption, type ParsedArgs } from '../command.js';
import { EXIT_CODES } from '../errors.js';
import { write, type Io } from '../stdio.js';
import { checkSloFiles, loadSloData } from '../slo/input.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** `pt slo alerts <slo.yaml> --data <sli>|--prometheus <url>`: MWMBR alerts at `--at`, and every span they fired over the data. */
export async function sloAlerts({ values, positionals }: ParsedArgs, io: Io): Promise<number> {
  refuseOption(values, 'fail-on', "'pt slo budget' and 'pt slo status'");
  checkSloFiles('alerts', positionals, false);
  const lib = await import('@pt/toolkit/slo');
  const format = choiceOption(values, 'format', ['table', 'json'] as const) ?? 'table';
  const result = await loadSloData(lib, 'alerts', positionals, values, io);
  const out = result.slos.map((slo) => {
    const series = result.series.get(slo.name) ?? lib.sliSeries([], [], []);
    const budgets = lib.sloBudgets(slo, series, result.at, result.minEvents);
    const timelines = lib.sloAlertTimeline(slo, series, result.minEvents);
    return budgets.map((b, i) => ({
      slo: b.slo,
      service: b.service,
      target: b.target,
      window: b.window,
      at: iso(result.at),
      page: b.alerts.page,
      ticket: b.alerts.ticket,
      alerts: b.alerts.alerts.map((a) => ({
        severity: a.severity,
        longWindow: lib.formatDurationHuman(a.longWindowMs),
        shortWindow: lib.formatDurationHuman(a.shortWindowMs),
        burnFactor: a.burnFactor,
        state: a.state,
        minEvents: a.minEvents,
        longBurnRate: a.long.burnRate,
        shortBurnRate: a.short.burnRate,
        longEvents: a.long.total,
        shortEvents: a.short.total,
        // For a full outage (every request failing) that lasts as long as the long window.
        fullOutageDetectionMs: lib.detectionTimeMs(1, b.target / 100, a),
        fullOutageResetMs: lib.resetTimeMs(1, a.longWindowMs, b.target / 100, a),
      })),
      fired: (timelines[i]?.spans ?? []).map((s) => ({
        severity: s.severity,
        start: iso(s.start),
        end: s.end === null ? null : iso(s.end),
      })),
    }));
  });
  const flat = out.flat();
  if (format === 'json') {
    await write(io.stdout, `${JSON.stringify(flat, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  const human = (ms: number | null) => (ms === null ? 'never' : lib.formatDurationHuman(ms));
  const burn = (x: number | null) => (x === null ? '-' : `${+x.toFixed(2)}x`);
  const text = flat.map((s) => {
    const lines = [
      `${s.slo} (service ${s.service}) · target ${s.target}% · ${s.window} · at ${s.at}`,
      `  page: ${s.page} · ticket: ${s.ticket}`,
      '  SEVERITY  WINDOWS     FACTOR  LONG BURN  SHORT BURN  100% OUTAGE: FIRES AFTER / RESETS AFTER  STATE',
      ...s.alerts.map(
        (a) =>
          `  ${a.severity.padEnd(8)}  ${`${a.longWindow}/${a.shortWindow}`.padEnd(10)}  ${String(+a.burnFactor.toFixed(3)).padStart(6)}  ${burn(a.longBurnRate).padStart(9)}  ${burn(a.shortBurnRate).padStart(10)}  ${`${human(a.fullOutageDetectionMs)} / ${human(a.fullOutageResetMs)}`.padEnd(39)}  ${a.state}${a.state === 'insufficient_data' ? ` (< ${a.minEvents} events)` : ''}`,
      ),
      s.fired.length === 0
        ? '  fired: never over the data'
        : `  fired:\n${s.fired.map((f) => `    ${f.severity.padEnd(6)} ${f.start} → ${f.end ?? 'still firing'}`).join('\n')}`,
    ];
    return `${lines.join('\n')}\n`;
  });
  await write(io.stdout, text.join('\n'));
  return EXIT_CODES.ok;
}
