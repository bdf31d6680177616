import {
  SCORECARD_DETAIL_TITLES,
  SCORECARD_ROWS_HEAD,
  SCORECARD_ROWS_TITLES,
  scorecardDetailRows,
  scorecardRows,
} from '@pt/governance';
import { escapeMarkdown, printable } from '@pt/input';
import { DORA_DETAIL_HEAD, DORA_DETAIL_TITLES, doraDetailRows } from '@pt/reliability';
import { SLO_DETAIL_HEAD, SLO_DETAIL_TITLES, sloDetailRows } from '@pt/slo';
import { createColors } from 'picocolors';
import { DEFAULT_TOP_RISKS, isRisk, pointsOf, riskOrder, riskSummary, type RiskKey } from '../report/risks.js';
import type { Health, ReportSummary, ServiceReport } from '../report/schema.js';
import { formatMoney, formatScore, plural } from './format.js';
import { row, summaryTable } from './markdown.js';
import { EVENTS_MARK, GAP, HEAD, pad, ruleLines, tableLine, truncate, whyLines, wrap } from './table.js';

/**
 * `renderTable` and `renderMarkdown` of a report whose services are read one batch at a time: each
 * service is turned into {@link ServicePieces} where it is evaluated (maybe on another thread), and
 * {@link StreamedTextReport} keeps only what the layout needs of the whole (the summary, the N
 * worst services, column widths, one compact row per service grouped by team); the sections in
 * report order go to {@link TextSpool}s (scratch files in the CLI). The text is the same, byte for
 * byte, as the whole renderers' (proved by tests on seeded and hostile fleets).
 */

/** How the text report is laid out: the options of `renderTable` / `renderMarkdown`. Plain data: it crosses threads. */
export interface TextRenderOptions {
  readonly format: 'table' | 'markdown';
  /** Table: ANSI colours (default off). */
  readonly color?: boolean;
  /** Table: columns to fit (default 80, at least 60). */
  readonly width?: number;
  /** How many top risks to list (default 5). */
  readonly topRisks?: number;
}

/** One service's share of a text report. Plain data, in the format asked for. */
export interface ServicePieces {
  readonly name: string;
  readonly team: string;
  readonly health: Health;
  /** Points and score when the service is a top-risk candidate, with its line's summary. */
  readonly risk: { readonly points: number; readonly score: number | null; readonly summary: string } | undefined;
  /** Its row as JSON: table `[cells…, level?, score?]`, Markdown `[before, scorecard cells, after]`. */
  readonly row: string;
  /** Table: widths of its row's cells other than governance, and of the governance cell without a label. */
  readonly widths: readonly number[] | undefined;
  /** Its first scorecard, when scored; `width`: its table GOVERNANCE cell without the level's label. */
  readonly scorecard: { readonly name: string; readonly level: string | null; readonly width: number } | undefined;
  /** Scored by several scorecards (`scorecards` is set). */
  readonly several: boolean;
  /** The events' window (`--events`). */
  readonly window: { readonly start: string; readonly end: string } | undefined;
  /** Its "Why" lines and scorecard-rule lines, final, each ending in a newline; '' for none. */
  readonly why: string;
  readonly rules: string;
  /** SLO, scorecard and DORA rows: final lines (Markdown) or JSON cells, one per line (table), with their widths. */
  readonly slo: string;
  readonly cards: string;
  readonly dora: string;
  readonly sloWidths: readonly number[] | undefined;
  readonly cardsWidths: readonly number[] | undefined;
  readonly doraWidths: readonly number[] | undefined;
}

const TRAILING_SPACE = /[ \t]+$/gm;

/**
 * Whether a line of `text` may end in a space or tab: a few quick searches, cheaper than the
 * regex's scan. Text with another line break the regex knows (`\r`, U+2028, U+2029) is left to it.
 */
function mayEndInSpace(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return (
    last === 0x20 ||
    last === 0x09 ||
    text.includes(' \n') ||
    text.includes('\t\n') ||
    text.includes('\r') ||
    text.includes('\u2028') ||
    text.includes('\u2029')
  );
}

/** `text` without spaces and tabs at the end of its lines. */
const trimLines = (text: string) => (mayEndInSpace(text) ? text.replace(TRAILING_SPACE, '') : text);

function widthsOf(rows: readonly (readonly string[])[], count: number, cell: (text: string) => number): number[] {
  const widths = new Array<number>(count).fill(0);
  for (const r of rows) {
    for (let i = 0; i < count; i++) widths[i] = Math.max(widths[i] ?? 0, cell(r[i] ?? ''));
  }
  return widths;
}

const records = (rows: readonly (readonly string[])[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
const lines = (list: readonly string[]) => list.map((l) => `${l}\n`).join('');

/** Colours, made once for each choice (`createColors` builds every function anew). */
const PAINTS = new Map<boolean, ReturnType<typeof makePaint>>();
function paintOf(color: boolean): ReturnType<typeof makePaint> {
  let paint = PAINTS.get(color);
  if (paint === undefined) PAINTS.set(color, (paint = makePaint(color)));
  return paint;
}

function makePaint(color: boolean) {
  const c = createColors(color);
  const paint: Record<Health, (s: string) => string> = {
    healthy: c.green,
    degraded: c.yellow,
    critical: (s) => c.bold(c.red(s)),
    unknown: c.dim,
  };
  return { c, paint };
}

/** The scorecard section's rows as the table shows them: four cells, then the failed and waived rules. */
function tableCardRows(services: readonly ServiceReport[]): string[][] {
  return scorecardRows(services).map((r) => [
    ...r.slice(0, 4).map(printable),
    [`failed ${r[4] ?? '-'}`, ...(r[5] === '-' ? [] : [`waived ${r[5] ?? '-'}`])].join('; '),
  ]);
}

/** A service's pieces of the report, in the format asked for. */
export function servicePieces(s: ServiceReport, options: TextRenderOptions): ServicePieces {
  // One object shape for every service (no conditional spreads): cheaper to build and to clone.
  const common = {
    name: s.name,
    team: s.team,
    health: s.health,
    risk: isRisk(s)
      ? {
          points: pointsOf(s),
          score: s.reliabilityScore,
          summary: riskSummary({ service: s, points: pointsOf(s), why: [] }),
        }
      : undefined,
    scorecard:
      s.scorecard === undefined
        ? undefined
        : {
            name: s.scorecard.name,
            level: s.scorecard.level,
            width: s.governance.length + 1 + String(s.scorecard.score).length,
          },
    several: s.scorecards !== undefined,
    window: s.dora === undefined ? undefined : { start: s.dora.window.start, end: s.dora.window.end },
  };
  const one = [s];
  // Most services have none of these sections: skip their row builders.
  const carded = s.scorecard !== undefined || s.scorecards !== undefined;
  const sloRows = s.sloDetails === undefined ? [] : sloDetailRows(one);
  const doraRows = s.dora === undefined ? [] : doraDetailRows(one);
  const ruleRows = s.scorecard === undefined ? [] : scorecardDetailRows(one);
  if (options.format === 'markdown') {
    const before = row([
      escapeMarkdown(s.name),
      escapeMarkdown(s.team),
      `**${s.health}**`,
      formatScore(s.reliabilityScore) + (s.dora === undefined ? '' : '\\*'),
      s.governance,
    ]).slice(0, -2);
    const card =
      s.scorecard === undefined ? ['-', '-'] : [escapeMarkdown(s.scorecard.level ?? 'none'), String(s.scorecard.score)];
    const after = ` | ${formatMoney(s.monthlyCost)} | ${s.costTrend} | ${s.slosMet}/${s.slosTotal} |`;
    let why = '';
    if (s.reasons.length > 0) {
      const points = pointsOf(s);
      why = lines([
        `### ${escapeMarkdown(s.name)}: ${s.health}, ${plural(points, 'point')}`,
        '',
        ...s.reasons.map((r) => `- **${r.domain}** (+${r.points}): ${escapeMarkdown(r.message)}`),
        '',
      ]);
    }
    const md = (rows: string[][]) => (rows.length === 0 ? '' : lines(rows.map((r) => row(r.map(escapeMarkdown)))));
    return {
      name: common.name,
      team: common.team,
      health: common.health,
      risk: common.risk,
      row: JSON.stringify([before, ` | ${card.join(' | ')}`, after]),
      widths: undefined,
      scorecard: common.scorecard,
      several: common.several,
      window: common.window,
      why,
      rules: md(ruleRows),
      slo: md(sloRows),
      cards: carded ? md(scorecardRows(one)) : '',
      dora: md(doraRows),
      sloWidths: undefined,
      cardsWidths: undefined,
      doraWidths: undefined,
    };
  }

  const width = Math.max(60, options.width ?? 80);
  const { paint } = paintOf(options.color ?? false);
  const cells = [
    `  ${s.name}`,
    s.health,
    formatScore(s.reliabilityScore) + (s.dora === undefined ? '' : EVENTS_MARK),
    s.scorecard === undefined ? s.governance : `${s.governance} `,
    formatMoney(s.monthlyCost),
    s.costTrend,
    `${s.slosMet}/${s.slosTotal}`,
  ];
  const widths = cells.map((cell, i) => (i === 3 && s.scorecard !== undefined ? 0 : cell.length));
  const rowCells = s.scorecard === undefined ? cells : [...cells, s.scorecard.level, String(s.scorecard.score)];

  const why = s.reasons.length > 0 ? whyLines(s, width, paint) : [];
  const rules = ruleRows.flatMap((row) => ruleLines(row, width));
  const cards = carded ? tableCardRows(one) : [];
  const visible = (text: string) => printable(text).length;
  return {
    name: common.name,
    team: common.team,
    health: common.health,
    risk: common.risk,
    row: JSON.stringify(rowCells),
    widths,
    scorecard: common.scorecard,
    several: common.several,
    window: common.window,
    why: why.length === 0 ? '' : trimLines(lines(why)),
    rules: rules.length === 0 ? '' : trimLines(lines(rules)),
    slo: sloRows.length === 0 ? '' : records(sloRows),
    cards: cards.length === 0 ? '' : records(cards),
    dora: doraRows.length === 0 ? '' : records(doraRows),
    sloWidths: sloRows.length === 0 ? undefined : widthsOf(sloRows, SLO_DETAIL_HEAD.length, visible),
    cardsWidths: cards.length === 0 ? undefined : widthsOf(cards, 5, (t) => t.length),
    doraWidths: doraRows.length === 0 ? undefined : widthsOf(doraRows, DORA_DETAIL_HEAD.length, visible),
  };
}

/** Text written now and read back, in order, once: a scratch file, or memory. */
export interface TextSpool {
  write(text: string): void | Promise<void>;
  read(): AsyncIterable<string | Uint8Array>;
}

/** `items`, one at a time, as an async iterable. */
function toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => {
      let i = 0;
      return {
        next: () =>
          Promise.resolve(
            i < items.length ? { done: false, value: items[i++] as T } : { done: true as const, value: undefined },
          ),
      };
    },
  };
}

/** A {@link TextSpool} in memory. */
export function memorySpool(): TextSpool {
  const parts: string[] = [];
  return {
    write: (text) => void parts.push(text),
    read: () => toAsync(parts),
  };
}

/** The lines of a spool's text (each without its newline). */
async function* linesOf(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * `chunks` less the last character, a newline. A chunk is held back until the next is known, so a
 * byte chunk (whose buffer the spool may reuse) is copied when held.
 */
async function* withoutLastNewline(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
  let held: string | Uint8Array | undefined;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (held !== undefined) yield held;
    held = typeof chunk === 'string' ? chunk : new Uint8Array(chunk);
  }
  if (held === undefined) return;
  const last = typeof held === 'string' ? held.charCodeAt(held.length - 1) : held[held.length - 1];
  if (last !== 0x0a) throw new Error('a Markdown report ends in a newline');
  yield held.slice(0, held.length - 1);
}

interface Team {
  /** Its rows as JSON, a batch's joined by commas. */
  readonly rows: string[];
  count: number;
  unhealthy: number;
}

/** A top-risk candidate. */
export interface RiskEntry extends RiskKey {
  readonly team: string;
  readonly summary: string;
}

/**
 * The pieces of consecutive services put together where they are made: what
 * {@link StreamedTextReport} keeps of them, in one plain object (far cheaper to send between
 * threads, and to add, than an object per service).
 */
export interface TextBatch {
  /** Services given. */
  readonly count: number;
  /** Teams in order of first appearance: their rows (JSON, joined by commas), how many, how many degraded or critical. */
  readonly teams: readonly {
    readonly team: string;
    readonly rows: string;
    readonly count: number;
    readonly unhealthy: number;
  }[];
  /** The worst of the batch, worst first: at most the report's number of top risks. */
  readonly risks: readonly RiskEntry[];
  /** Scorecard levels in order of first appearance, with the widest `governance ` + score of each. */
  readonly levels: readonly (readonly [string | null, number])[];
  /** The first scorecard's name. */
  readonly scorecard: string | undefined;
  readonly several: boolean;
  readonly window: { readonly start: string; readonly end: string } | undefined;
  /** Widest cells, as {@link ServicePieces}'. */
  readonly widths: readonly number[] | undefined;
  readonly sloWidths: readonly number[] | undefined;
  readonly cardsWidths: readonly number[] | undefined;
  readonly doraWidths: readonly number[] | undefined;
  /** The sections' text, in order. */
  readonly why: string;
  readonly slo: string;
  readonly cards: string;
  readonly dora: string;
  readonly rules: string;
}

/** Adds `risk` to `risks` (worst first) if it is among the `limit` worst. */
function keepWorst(risks: RiskEntry[], risk: RiskEntry, limit: number): void {
  const last = risks[risks.length - 1];
  if (risks.length >= limit && last !== undefined && riskOrder(risk, last) >= 0) return;
  let index = risks.length;
  while (index > 0 && riskOrder(risk, risks[index - 1] as RiskEntry) < 0) index--;
  risks.splice(index, 0, risk);
  if (risks.length > limit) risks.pop();
}

function maxOf(into: number[] | undefined, from: readonly number[] | undefined): number[] | undefined {
  if (from === undefined) return into;
  if (into === undefined) return [...from];
  maxInto(into, from);
  return into;
}

/** The pieces of consecutive services, in order, as one {@link TextBatch}. */
export function textBatch(pieces: readonly ServicePieces[], options: TextRenderOptions): TextBatch {
  const limit = Math.max(0, options.topRisks ?? DEFAULT_TOP_RISKS);
  const teams = new Map<string, { team: string; rows: string[]; unhealthy: number }>();
  const risks: RiskEntry[] = [];
  const levels = new Map<string | null, number>();
  let scorecard: string | undefined;
  let several = false;
  let window: TextBatch['window'];
  let widths: number[] | undefined;
  let sloWidths: number[] | undefined;
  let cardsWidths: number[] | undefined;
  let doraWidths: number[] | undefined;
  let why = '';
  let slo = '';
  let cards = '';
  let dora = '';
  let rules = '';
  for (const p of pieces) {
    let team = teams.get(p.team);
    if (team === undefined) teams.set(p.team, (team = { team: p.team, rows: [], unhealthy: 0 }));
    team.rows.push(p.row);
    if (p.health === 'degraded' || p.health === 'critical') team.unhealthy++;
    if (p.risk !== undefined && limit > 0) {
      const { points, score, summary } = p.risk;
      keepWorst(risks, { health: p.health, points, score, name: p.name, team: p.team, summary }, limit);
    }
    if (p.scorecard !== undefined) {
      scorecard ??= p.scorecard.name;
      const { level, width } = p.scorecard;
      levels.set(level, Math.max(levels.get(level) ?? 0, width));
    }
    if (p.several) several = true;
    window ??= p.window;
    widths = maxOf(widths, p.widths);
    sloWidths = maxOf(sloWidths, p.sloWidths);
    cardsWidths = maxOf(cardsWidths, p.cardsWidths);
    doraWidths = maxOf(doraWidths, p.doraWidths);
    if (p.why !== '') why += p.why;
    if (p.slo !== '') slo += p.slo;
    if (p.cards !== '') cards += p.cards;
    if (p.dora !== '') dora += p.dora;
    if (p.rules !== '') rules += p.rules;
  }
  return {
    count: pieces.length,
    teams: [...teams.values()].map((t) => ({
      team: t.team,
      rows: t.rows.join(','),
      count: t.rows.length,
      unhealthy: t.unhealthy,
    })),
    risks,
    levels: [...levels],
    scorecard,
    several,
    window,
    widths,
    sloWidths,
    cardsWidths,
    doraWidths,
    why,
    slo,
    cards,
    dora,
    rules,
  };
}

/** The spools of the sections in report order. */
export interface TextSpools {
  readonly why: TextSpool;
  readonly slo: TextSpool;
  readonly cards: TextSpool;
  readonly dora: TextSpool;
  readonly rules: TextSpool;
}

const SECTIONS = ['why', 'slo', 'cards', 'dora', 'rules'] as const;

/** Rows per piece of output. */
const ROWS_PER_CHUNK = 1024;
/** Characters per piece of output, about (the services tables). */
const CHUNK_CHARS = 64 * 1024;

const isBatch = (input: readonly ServicePieces[] | TextBatch): input is TextBatch => !Array.isArray(input);

function maxInto(into: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) {
    const w = from[i] ?? 0;
    if (w > (into[i] ?? 0)) into[i] = w;
  }
}

/**
 * A table or Markdown report put together from {@link ServicePieces} given in report order. Keeps
 * the N worst services, the widths, the scorecard levels and one compact row per service by team;
 * the other sections go to `spools`. {@link render} gives the text once every piece is in.
 */
export class StreamedTextReport {
  readonly #options: TextRenderOptions;
  readonly #spools: TextSpools;
  readonly #limit: number;
  readonly #teams = new Map<string, Team>();
  readonly #risks: RiskEntry[] = [];
  /** Scorecard levels in order of first appearance; per level, the widest `governance ` + score. */
  readonly #levels = new Map<string | null, number>();
  readonly #widths: number[] = HEAD.map((h) => h.length);
  readonly #sloWidths: number[] = SLO_DETAIL_HEAD.map((h) => h.length);
  readonly #cardsWidths: number[] = [...SCORECARD_ROWS_HEAD.slice(0, 4), 'RULES'].map((h) => h.length);
  readonly #doraWidths: number[] = DORA_DETAIL_HEAD.map((h) => h.length);
  readonly #has = { why: false, slo: false, cards: false, dora: false, rules: false };
  #scorecard: string | undefined;
  #several = false;
  #window: { readonly start: string; readonly end: string } | undefined;
  #scored = false;

  constructor(options: TextRenderOptions, spools: TextSpools) {
    this.#options = options;
    this.#spools = spools;
    this.#limit = Math.max(0, options.topRisks ?? DEFAULT_TOP_RISKS);
  }

  /** The pieces of consecutive services of the report, in order: each service's, or a batch's put together. */
  async add(input: readonly ServicePieces[] | TextBatch): Promise<void> {
    const batch = isBatch(input) ? input : textBatch(input, this.#options);
    for (const { team, rows, count, unhealthy } of batch.teams) {
      const known = this.#teams.get(team);
      if (known === undefined) this.#teams.set(team, { rows: [rows], count, unhealthy });
      else {
        known.rows.push(rows);
        known.count += count;
        known.unhealthy += unhealthy;
      }
    }
    if (this.#limit > 0) for (const risk of batch.risks) keepWorst(this.#risks, risk, this.#limit);
    for (const [level, width] of batch.levels) this.#levels.set(level, Math.max(this.#levels.get(level) ?? 0, width));
    if (batch.scorecard !== undefined) {
      this.#scored = true;
      this.#scorecard ??= batch.scorecard;
    }
    if (batch.several) this.#several = true;
    this.#window ??= batch.window;
    if (batch.widths !== undefined) maxInto(this.#widths, batch.widths);
    if (batch.sloWidths !== undefined) maxInto(this.#sloWidths, batch.sloWidths);
    if (batch.cardsWidths !== undefined) maxInto(this.#cardsWidths, batch.cardsWidths);
    if (batch.doraWidths !== undefined) maxInto(this.#doraWidths, batch.doraWidths);
    for (const section of SECTIONS) {
      const text = batch[section];
      if (text === '') continue;
      this.#has[section] = true;
      await this.#spools[section].write(text);
    }
  }

  /** The report's text, a piece at a time: `summary` of the `count` services given. */
  render(summary: ReportSummary, count: number): AsyncGenerator<string | Uint8Array> {
    // Markdown's lines are joined by newlines and its last line is empty: written here as each
    // line and its newline, so the very last newline is one too many.
    return this.#options.format === 'markdown'
      ? withoutLastNewline(this.#markdown(summary, count))
      : this.#table(summary, count);
  }

  /** Labels of the GOVERNANCE column, as `renderTable` makes them. */
  #labels(): Map<string | null, string> {
    const levels = [...this.#levels.keys()];
    const initial = (level: string | null) => (level === null ? '' : (level[0] ?? '?').toUpperCase());
    const named = levels.filter((l): l is string => l !== null);
    const unique = new Set(named.map(initial)).size === named.length;
    return new Map(levels.map((l) => [l, l === null ? '' : printable(unique ? initial(l) : l)]));
  }

  async *#table(m: ReportSummary, count: number): AsyncGenerator<string | Uint8Array> {
    const width = Math.max(60, this.#options.width ?? 80);
    const { c, paint } = paintOf(this.#options.color ?? false);
    const out: string[] = [];
    out.push(c.bold(`Fleet health: ${plural(m.totalServices, 'service')}`));
    out.push(
      `  ${paint.healthy(`${m.healthy} healthy`)} · ${paint.degraded(`${m.degraded} degraded`)} · ${paint.critical(`${m.critical} critical`)} · ${paint.unknown(`${m.unknown} unknown`)}`,
    );
    out.push(
      `  SLO breaches ${m.sloBreaches} · over budget ${m.overBudget} · governance compliant ${m.governanceCompliant}`,
    );
    out.push(`  monthly cost ${formatMoney(m.totalMonthlyCost)} · avg reliability score ${m.avgReliabilityScore}`);
    if (count === 0) {
      yield `${out.join('\n')}\n\nNo services.\n`;
      return;
    }
    const labels = this.#labels();
    if (this.#scorecard !== undefined) {
      const legend = [...labels].flatMap(([level, label]) =>
        level === null ? [] : [label === level ? label : `${label} ${level}`],
      );
      out.push(
        truncate(
          `  governance level+score (${this.#several ? 'first that applies; all under Scorecards' : `scorecard ${printable(this.#scorecard)}`}): ${legend.join(' · ')}${labels.has(null) ? ' (a score alone: no level)' : ''}`,
          width,
        ),
      );
    }
    if (this.#risks.length > 0) {
      out.push('', c.bold('Top risks'));
      this.#risks.forEach((risk, i) => {
        out.push(truncate(`  ${i + 1}. ${printable(risk.name)} ${risk.summary}`, width));
      });
    }

    const widths = [...this.#widths];
    for (const [level, widest] of this.#levels) {
      widths[3] = Math.max(widths[3] ?? 0, widest + (labels.get(level) ?? '?').length);
    }
    const line = tableLine(widths, width, paint);
    out.push('', c.bold(line(HEAD)));
    yield trimLines(`${out.join('\n')}\n`);

    for (const [team, { rows }] of this.#teams) {
      let chunk = `${c.cyan(truncate(printable(team), width))}\n`;
      for (const joined of rows) {
        // A batch's rows in one parse.
        for (const cells of JSON.parse(`[${joined}]`) as (string | null)[][]) {
          const health = cells[1] as Health;
          if (cells.length > 7) {
            cells[3] = `${cells[3] ?? ''}${labels.get(cells[7] ?? null) ?? '?'}${cells[8] ?? ''}`;
            cells.length = 7;
          }
          chunk += `${line(cells as string[], health)}\n`;
        }
        if (chunk.length >= CHUNK_CHARS) {
          yield trimLines(chunk);
          chunk = '';
        }
      }
      if (chunk !== '') yield trimLines(chunk);
    }

    if (this.#window !== undefined) {
      yield `\n${EVENTS_MARK} reliability from events, ${this.#window.start} to ${this.#window.end}\n`;
    }
    if (this.#has.why) {
      yield `\n${c.bold('Why')}\n`;
      yield* this.#spools.why.read();
    }
    const table = async function* (
      spool: TextSpool,
      title: string,
      head: readonly string[],
      render: (cells: readonly string[]) => string,
    ): AsyncGenerator<string> {
      let chunk = trimLines(`\n${c.bold(title)}\n${c.bold(render(head))}\n`);
      let n = 0;
      for await (const text of linesOf(spool.read())) {
        chunk += trimLines(`${render(JSON.parse(text) as string[])}\n`);
        if (++n % ROWS_PER_CHUNK === 0) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk !== '') yield chunk;
    };
    if (this.#has.slo) {
      const w = this.#sloWidths;
      yield* table(this.#spools.slo, 'SLO error budgets', SLO_DETAIL_HEAD, (r) =>
        r.map((cell, i) => pad(printable(cell), w[i] ?? 0, i >= 2)).join(GAP),
      );
    }
    if (this.#has.cards) {
      const w = this.#cardsWidths;
      const lead = w.slice(0, 4).reduce((a, b) => a + b + GAP.length, 0);
      yield* table(this.#spools.cards, 'Scorecards', [...SCORECARD_ROWS_HEAD.slice(0, 4), 'RULES'], (r) =>
        r
          .map((cell, i) =>
            i === 4
              ? wrap(printable(cell), Math.max(20, width - lead), ' '.repeat(lead))
              : pad(cell, w[i] ?? 0, i === 3),
          )
          .join(GAP),
      );
    }
    if (this.#has.dora) {
      const w = this.#doraWidths;
      yield* table(this.#spools.dora, 'DORA (from events)', DORA_DETAIL_HEAD, (r) =>
        r.map((cell, i) => pad(printable(cell), w[i] ?? 0, i >= 1 && i <= 5)).join(GAP),
      );
    }
    if (this.#has.rules) {
      yield `\n${c.bold('Scorecard rules (failed ones count, waived ones never)')}\n`;
      yield* this.#spools.rules.read();
    }
  }

  async *#markdown(m: ReportSummary, count: number): AsyncGenerator<string | Uint8Array> {
    const out: string[] = ['# Fleet health report', '', ...summaryTable(m)];
    if (count === 0) {
      out.push('No services.', '');
      yield `${out.join('\n')}\n`;
      return;
    }
    if (this.#risks.length > 0) {
      out.push('## Top risks', '');
      this.#risks.forEach((risk, i) => {
        out.push(`${i + 1}. **${escapeMarkdown(risk.name)}** (${escapeMarkdown(risk.team)}): ${risk.summary}`);
      });
      out.push('');
    }
    out.push('## Services by team', '');
    yield `${out.join('\n')}\n`;
    const scored = this.#scored;
    const levelHead = scored ? ['Level', 'Governance score'] : [];
    for (const [team, { rows, count, unhealthy }] of this.#teams) {
      let chunk = `${[
        `### ${escapeMarkdown(team)}`,
        '',
        `${plural(count, 'service')}, ${unhealthy} degraded or critical.`,
        '',
        row(['Service', 'Team', 'Health', 'Score', 'Governance', ...levelHead, 'Monthly cost', 'Trend', 'SLOs met']),
        row(['---', '---', '---', '---:', '---', ...(scored ? ['---', '---:'] : []), '---:', '---', '---:']),
      ].join('\n')}\n`;
      for (const joined of rows) {
        // A batch's rows in one parse.
        for (const [before = '', card = '', after = ''] of JSON.parse(`[${joined}]`) as string[][]) {
          chunk += scored ? `${before}${card}${after}\n` : `${before}${after}\n`;
        }
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      }
      yield `${chunk}\n`;
    }
    if (this.#window !== undefined) {
      yield `\\* reliability from events, ${this.#window.start} to ${this.#window.end}\n\n`;
    }
    if (this.#has.why) {
      yield '## Why\n\n';
      yield* this.#spools.why.read();
    }
    const section = async function* (spool: TextSpool, head: string): AsyncGenerator<string | Uint8Array> {
      yield head;
      yield* spool.read();
      yield '\n';
    };
    if (this.#has.slo) {
      yield* section(
        this.#spools.slo,
        `## SLO error budgets\n\n${row(SLO_DETAIL_TITLES)}\n${row(SLO_DETAIL_HEAD.map((_, i) => (i >= 2 ? '---:' : '---')))}\n`,
      );
    }
    if (this.#has.cards) {
      yield* section(
        this.#spools.cards,
        `## Scorecards\n\n${row(SCORECARD_ROWS_TITLES)}\n${row(SCORECARD_ROWS_TITLES.map((_, i) => (i === 3 ? '---:' : '---')))}\n`,
      );
    }
    if (this.#has.dora) {
      yield* section(
        this.#spools.dora,
        `## DORA (from events)\n\n${row(DORA_DETAIL_TITLES)}\n${row(DORA_DETAIL_TITLES.map((_, i) => (i >= 1 && i <= 5 ? '---:' : '---')))}\n`,
      );
    }
    if (this.#has.rules) {
      yield* section(
        this.#spools.rules,
        `## Scorecard rules\n\nFailed rules count toward the verdict; waived rules never do.\n\n${row(SCORECARD_DETAIL_TITLES)}\n${row(SCORECARD_DETAIL_TITLES.map((_, i) => (i === 3 ? '---:' : '---')))}\n`,
      );
    }
  }
}
