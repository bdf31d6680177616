import { stat } from 'node:fs/promises';
import { choiceOption, listOption, type OptionSpec, type ParsedArgs } from '../command.js';
import { maxInputBytes } from '../options.js';
import { write, type Io } from '../stdio.js';
import { FORMATS } from './output.js';

/**
 * Fleet files from this size are reported the streamed way (`--format json`, `table`, `markdown`
 * and `html`): read a service at a time, in bounded memory. Smaller ones are read whole.
 */
export const STREAM_FROM_MB = 16;

/**
 * Overrides {@link STREAM_FROM_MB} (a number of MiB, `0` streams every file the streamed path
 * can take). For tests of the streamed path on small files; `PT_DEBUG=1` shows it was used.
 */
export const STREAM_FROM_ENV = 'PT_REPORT_STREAM_FROM_MB';

/** Which way `pt report` goes, and why (for `PT_DEBUG=1`). */
export type ReportPath =
  | { readonly kind: 'streamed'; readonly why: string; readonly size: number; readonly format: StreamedFormat }
  | { readonly kind: 'whole'; readonly why: string };

/** Every report format has a streamed path (HTML with at most one scorecard: see below). */
export type StreamedFormat = (typeof FORMATS)[number];

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

function streamFrom(env: Io['env']): { readonly bytes: number; readonly label: string } {
  const value = env[STREAM_FROM_ENV];
  const mb = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
  if (Number.isFinite(mb) && mb >= 0) return { bytes: mb * MIB, label: `${mb} MiB (${STREAM_FROM_ENV})` };
  return { bytes: STREAM_FROM_MB * MIB, label: `${STREAM_FROM_MB} MiB` };
}

/**
 * The one place `pt report` chooses between its two paths. Streamed: `--format json`, `table`,
 * `markdown` or `html` (html with at most one scorecard), a fleet in
 * a regular file of at least {@link STREAM_FROM_MB} MiB (and within `--max-input-mb`), and only
 * options that declare `streamable` (the scorecard not from standard input). Whole: anything
 * else. Both print the same bytes; the streamed path may still give up on a file that is not a
 * valid fleet, which is then read whole to locate its problems.
 */
export async function reportPath(
  options: Readonly<Record<string, OptionSpec>>,
  file: string,
  values: ParsedArgs['values'],
  env: Io['env'],
): Promise<ReportPath> {
  const maxBytes = maxInputBytes(values['max-input-mb']);
  const format: StreamedFormat = choiceOption(values, 'format', FORMATS) ?? 'table';

  if (file === '-') return { kind: 'whole', why: `${format}, from standard input` };
  const fixed = Object.keys(values).find((name) => values[name] !== undefined && options[name]?.streamable !== true);
  if (fixed !== undefined) return { kind: 'whole', why: `${format}, --${fixed} is not streamable` };
  if (listOption(values, 'scorecard').includes('-'))
    return { kind: 'whole', why: `${format}, --scorecard from standard input` };
  // The page's table of services per scorecard holds a row per service and scorecard.
  if (format === 'html' && listOption(values, 'scorecard').length > 1)
    return { kind: 'whole', why: 'html, several scorecards' };
  let size;
  try {
    const info = await stat(file);
    // Only a regular file can be read a second time, should the streamed path give up.
    if (!info.isFile()) return { kind: 'whole', why: `${format}, not a regular file` };
    size = info.size;
  } catch {
    return { kind: 'whole', why: `${format}, the file cannot be examined` };
  }
  if (size > maxBytes) return { kind: 'whole', why: `${format}, larger than --max-input-mb` };
  const from = streamFrom(env);
  if (size < from.bytes) return { kind: 'whole', why: `${format}, ${mib(size)} < ${from.label}` };
  return { kind: 'streamed', why: `${format}, ${mib(size)} ≥ ${from.label}`, size, format };

}

/** `PT_DEBUG=1`: names the path taken on stderr, e.g. `pt: debug: report path: streamed (json, 49.9 MiB ≥ 16 MiB)`. */
export async function debugReportPath(io: Io, path: Pick<ReportPath, 'kind' | 'why'>): Promise<void> {
  if (io.env['PT_DEBUG'] === '1') await write(io.stderr, `pt: debug: report path: ${path.kind} (${path.why})\n`);
}
