import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { aggregateRange, lineFeedsBefore, type ByteRange, type PathCount, type RangeResult, type ReadPath } from './range.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { AggregatorOptions, CostCube } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** Uncompressed CSV files from this size are read in parallel parts by default. */
export const PARALLEL_FROM_MB = 64;

/** How far past a split point a line feed is looked for. */
const WINDOW_BYTES = 1 << 20;

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read({ buffer: Buffer.alloc(length), position });
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Where the parts start: after the header row, at the first line feed after each 1/jobs of the file.
 * A line feed may sit inside a quoted field; that is found out later (`midRecord`) and handled.
 */
async function plan(file: string, size: number, jobs: number): Promise<{ header: string; starts: number[] } | null> {
  const head = await readAt(file, 0, Math.min(size, WINDOW_BYTES));
  const headerEnd = head.indexOf(10) + 1;
  if (headerEnd === 0) return null;
  const header = head.subarray(0, headerEnd - 1).toString('utf8');
  const starts: number[] = [];
  for (let k = 1; k < jobs; k++) {
    const at = Math.floor((size * k) / jobs);
    if (at < headerEnd) continue;
    const window = await readAt(file, at, Math.min(WINDOW_BYTES, size - at));
    const lf = window.indexOf(10);
    const start = at + lf + 1;
    if (lf === -1 || start >= size || start <= (starts.at(-1) ?? headerEnd)) continue;
    starts.push(start);
  }
  return starts.length === 0 ? null : { header, starts };
}

/** An error raised in a worker, rebuilt so the caller can tell what it was. */
function rebuild(lib: Toolkit, e: Record<string, unknown>): Error {
  const message = String(e['message']);
  if (e['name'] === 'FocusDataError') {
    const code = e['code'] === 'E_FOCUS_HEADER' || e['code'] === 'E_FOCUS_RECORD' ? e['code'] : 'E_FOCUS_ROWS';
    // A part's lines start at its own beginning: a record error's line would point elsewhere in the file.
    const issues = code === 'E_FOCUS_RECORD' ? [] : ((e['issues'] ?? []) as never);
    return new lib.FocusDataError(code, message, issues, Number(e['issueCount'] ?? 0));
  }
  if (e['name'] === 'TypeError') return new TypeError(message);
  return Object.assign(new Error(message), { code: e['code'] });
}

function inWorker(
  lib: Toolkit,
  file: string,
  options: AggregatorOptions,
  range: ByteRange,
  path: ReadPath,
  workers: Worker[],
) {
  return new Promise<RangeResult>((resolve, reject) => {
    const worker = new Worker(new URL('./cost-worker.js', import.meta.url), {
      workerData: { file, options, range, path },
    });
    workers.push(worker);
    worker.once('message', (m: { ok: boolean; result?: RangeResult; error?: Record<string, unknown> }) => {
      if (m.ok && m.result !== undefined) resolve(m.result);
      else reject(rebuild(lib, m.error ?? {}));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`cost worker stopped with exit code ${code}`));
    });
  });
}

/**
 * Aggregates one large uncompressed FOCUS CSV in `jobs` parts at once: the first on this thread, the
 * others on worker threads, then merges the cubes (sums are exact, so the order does not matter).
 * Bad-row lines and rows are those of the whole file. Returns null when the file cannot be split
 * on record boundaries (a part would start inside a quoted field): the caller then reads it whole.
 */
export async function parallelCube(
  lib: Toolkit,
  file: string,
  size: number,
  options: AggregatorOptions,
  jobs: number,
  path: ReadPath,
  onChunk?: (bytes: number, rows: number) => void,
): Promise<{ cube: CostCube; count: PathCount } | null> {
  const layout = await plan(file, size, jobs);
  if (layout === null) return null;
  const bounds = [0, ...layout.starts, size];
  // Each part collects its bad rows; whether they are an error is decided once, for the whole file.
  const partOptions: AggregatorOptions = { ...options, onBadRow: 'skip' };
  const workers: Worker[] = [];
  let results: RangeResult[];
  try {
    results = await Promise.all(
      bounds.slice(0, -1).map((start, i) => {
        const end = bounds[i + 1] ?? size;
        return i === 0
          ? aggregateRange(lib, file, partOptions, { start, end }, path, onChunk)
          : inWorker(lib, file, partOptions, { start, end, header: layout.header }, path, workers);
      }),
    );
  } catch (error) {
    // A part that starts inside a long quoted field, or holds a record past the limit: read the
    // file whole, so the answer (and its line) is the one of --jobs 1.
    if (error instanceof lib.FocusDataError && error.code === 'E_FOCUS_RECORD') return null;
    throw error;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (results.slice(0, -1).some((r) => r.midRecord)) return null;

  let rowsBefore = 0;
  const cubes: CostCube[] = [];
  for (const [i, { cube }] of results.entries()) {
    if (i > 0 && cube.stats.issues.length > 0) {
      // The part's line 2 is the file's line after `lineFeedsBefore` line feeds (its line 1 is the header).
      const shift = (await lineFeedsBefore(file, bounds[i] ?? 0)) - 1;
      const issues = cube.stats.issues.map((x) => ({ ...x, line: x.line + shift, row: x.row + rowsBefore }));
      cubes.push({ ...cube, stats: { ...cube.stats, issues } });
    } else cubes.push(cube);
    rowsBefore += cube.stats.rows;
  }
  const merged = lib.mergeCubes(cubes);
  const n = merged.stats.issueCount;
  if (options.onBadRow === 'error' && n > 0) {
    throw new lib.FocusDataError(
      'E_FOCUS_ROWS',
      `${n} bad value${n === 1 ? '' : 's'} in the billing data`,
      merged.stats.issues,
      n,
    );
  }
  const count = results.reduce((a, r) => ({ fast: a.fast + r.count.fast, plain: a.plain + r.count.plain }), {
    fast: 0,
    plain: 0,
  });
  return { cube: merged, count };
}
