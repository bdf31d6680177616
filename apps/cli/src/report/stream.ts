import { randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { choiceOption, stringOption, type ParsedArgs } from '../command.js';
import { EXIT_CODES } from '../errors.js';
import { jobsOption } from '../cost/config.js';
import { emitResult, readInput } from '../files.js';
import { batchPool } from './pool.js';
import { write, type Io } from '../stdio.js';
import { loadGovernanceOptions, warnUnknownWaivers } from '../governance/load.js';
import { maxInputBytes } from '../options.js';
import { FAIL_ON, FAIL_ON_HEALTH, checkFailOn, tableLayout, warnUnknownTeam } from './output.js';
import type { StreamedFormat } from './path.js';

import type * as ToolkitModule from '@pt/toolkit';
import type {
  FleetSource,
  HtmlPageWriter,
  StreamReportOptions,
  StreamedTextReport,
  TextRenderOptions,
  TextSpool,
} from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** Fleet files from this size are evaluated on more than one thread, cores allowing (`--jobs`). */
export const PARALLEL_FLEET_FROM_MB = 16;

/** Fleet files read as YAML (the ordinary reader decides the same way). */
const YAML_FILE = /\.ya?ml$/i;

/** Size of one read of the fleet file. */
const CHUNK = 256 * 1024;
/** Size of one write to, and read from, the scratch file. */
const SPOOL_WRITE = 1024 * 1024;

/**
 * The file, chunk by chunk, the next chunk read while this one is used; refuses (throws) past
 * `maxBytes`. Two buffers take turns: a chunk is valid until the next one is asked for.
 */
async function* chunksOf(file: string, maxBytes: number): AsyncGenerator<Uint8Array> {
  const handle = await open(file, 'r');
  let spare = Buffer.allocUnsafe(CHUNK);
  let next = handle.read(Buffer.allocUnsafe(CHUNK), 0, CHUNK, null);
  try {
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      total += bytesRead;
      if (total > maxBytes) throw new Error('larger than --max-input-mb');
      next = handle.read(spare, 0, CHUNK, null);
      spare = buffer;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read may still be under way when the reader stops early.
    await next.catch(() => undefined);
    await handle.close();
  }
}

/** Collects what is written to it, to be replayed later. */
function collector(): { stream: Writable; text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      parts.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, text: () => parts.join('') };
}

/**
 * A scratch file for the services' JSON until the summary that precedes them is known. It is
 * unlinked as soon as it is open (where the system allows), so nothing is left behind.
 */
class Spool {
  #size = 0;
  #removed = false;
  /** Text not yet written: written about {@link SPOOL_WRITE} at a time. */
  #held: string[] = [];
  #heldLength = 0;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(): Promise<Spool> {
    const path = join(tmpdir(), `.pt-report-${process.pid}-${randomBytes(4).toString('hex')}.json`);
    const spool = new Spool(path, await open(path, 'wx+', 0o600));
    spool.#removed = await rm(path).then(
      () => true,
      () => false,
    );
    return spool;
  }

  async write(text: string): Promise<void> {
    this.#held.push(text);
    this.#heldLength += text.length;
    if (this.#heldLength >= SPOOL_WRITE) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#held.length === 0) return;
    const bytes = Buffer.from(this.#held.join(''), 'utf8');
    this.#held = [];
    this.#heldLength = 0;
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.#size + done);
      done += bytesWritten;
    }
    this.#size += bytes.length;
  }

  /** What was written, in order, a chunk at a time (the buffer is reused). */
  async *read(): AsyncGenerator<Uint8Array> {
    await this.#flush();
    const buffer = Buffer.allocUnsafe(SPOOL_WRITE);
    for (let position = 0; position < this.#size;) {
      const { bytesRead } = await this.handle.read(buffer, 0, Math.min(SPOOL_WRITE, this.#size - position), position);
      if (bytesRead === 0) throw new Error('the scratch file ended early');
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
    if (!this.#removed) await rm(this.path, { force: true });
  }
}

/** A {@link Spool} opened on the first write: most text reports need only some of their sections' spools. */
class LazySpool implements TextSpool {
  #spool: Promise<Spool> | undefined;

  async write(text: string): Promise<void> {
    this.#spool ??= Spool.open();
    await (await this.#spool).write(text);
  }

  async *read(): AsyncGenerator<Uint8Array> {
    if (this.#spool !== undefined) yield* (await this.#spool).read();
  }

  async close(): Promise<void> {
    await (await this.#spool?.catch(() => undefined))?.close();
  }
}

/** The streamed report's end: written, with its exit code; or given up, having written nothing, and why. */
export type StreamOutcome =
  { readonly ok: true; readonly code: number } | { readonly ok: false; readonly reason: string };

/**
 * `pt report <fleet>` on a large fleet (`reportPath` chose it): the file is read in chunks (JSON)
 * or whole as text and cut into slices (YAML), and each service is evaluated as it is read. With
 * `--format json` their JSON waits in a scratch file until the summary is known; with `html` each
 * service's row and entries of the page are built where it is evaluated and packed into the
 * page's compressed chunks by `HtmlPageWriter`, which wait in scratch files; with `table` or
 * `markdown` each service becomes its pieces of the text (where it is evaluated), gathered by the
 * toolkit's `StreamedTextReport`: the N worst, the widths and one compact row per service by team
 * kept, the sections in report order (Why, SLOs, scorecards, DORA, rules) in scratch files. Gives up, having
 * written nothing, when the input is not a valid fleet in a layout read this way, or a scratch
 * file cannot be had: the whole path then reads the file and reports every problem, located.
 * Output is byte for byte the same.
 */
export async function streamReport(
  lib: Toolkit,
  file: string,
  values: ParsedArgs['values'],
  io: Io,
  size: number,
  format: StreamedFormat = 'json',
): Promise<StreamOutcome> {
  const maxBytes = maxInputBytes(stringOption(values, 'max-input-mb'));
  const threads =
    jobsOption(values) ?? (size >= PARALLEL_FLEET_FROM_MB * 1024 * 1024 ? Math.min(2, availableParallelism()) : 1);

  // Governance inputs are needed before the first service; their messages wait until the fleet
  // is known to be valid, so that problems come in the ordinary order.
  const held = collector();
  let governance;
  try {
    governance = await loadGovernanceOptions(lib, values, { ...io, stderr: held.stream });
  } catch {
    return { ok: false, reason: 'the governance inputs are not valid' };
  }
  const team = stringOption(values, 'team');
  const failOn = choiceOption(values, 'fail-on', FAIL_ON);
  const html = format === 'html';
  let spool;
  // HTML: the page's embedded blocks (rows' keys, rows' HTML, details), each a spool until the head is known.
  const blocks: Spool[] = [];
  try {
    spool = await Spool.open();
    if (html) for (let i = 0; i < 3; i++) blocks.push(await Spool.open());
  } catch {
    await spool?.close();
    for (const block of blocks) await block.close();
    return { ok: false, reason: 'no scratch file' }; // the whole path needs none
  }
  const pool = batchPool(lib, threads);
  const render: TextRenderOptions | undefined =
    format === 'json' || format === 'html'
      ? undefined
      : { format, ...(format === 'table' ? tableLayout(values, io) : {}) };
  const spools = {
    why: new LazySpool(),
    slo: new LazySpool(),
    cards: new LazySpool(),
    dora: new LazySpool(),
    rules: new LazySpool(),
  };
  let text: StreamedTextReport | undefined;
  try {
    const scratch = spool;
    const textReport = render === undefined ? undefined : new lib.StreamedTextReport(render, spools);
    text = textReport;
    const page: HtmlPageWriter | undefined = html ? new lib.HtmlPageWriter() : undefined;
    const options: StreamReportOptions = {
      ...governance,
      ...(team === undefined ? {} : { team }),
      ...(failOn === undefined ? {} : { match: FAIL_ON_HEALTH[failOn] }),
      ...(render === undefined ? {} : { render, pieces: (pieces) => textReport?.add(pieces) }),
      ...(page === undefined
        ? { write: (json: string) => scratch.write(json) }
        : {
            // Each service's row and entries built where it is evaluated (a worker, or here when
            // every worker is busy); only the packing of chunks and the page's totals are here.
            services: async (reports, parts) => {
              for (const [k, s] of reports.entries()) {
                const chunks = page.add(s, parts === undefined ? undefined : lib.htmlPartsOf(parts, k));
                for (const [i, text] of chunks.entries()) if (text !== '') await blocks[i]?.write(text);
              }
            },
            html: true,
            costHistory: true, // for the sparklines, as the whole path
          }),
      evaluate: pool.evaluate,
      // Enough in flight that this thread evaluates a batch rather than wait for a worker's.
      concurrency: 8 * threads,
    };
    let source: FleetSource;
    if (YAML_FILE.test(file)) {
      // YAML is read whole (text, not objects: about its size in memory), then sliced.
      const text = await readInput(file, maxBytes, io).catch(() => undefined);
      if (text === undefined) return { ok: false, reason: 'the file cannot be read' };
      source = { format: 'yaml', text };
    } else {
      source = { format: 'json', chunks: chunksOf(file, maxBytes) };
    }
    const result = await lib.reportFromFleetSource(source, options);
    await pool.close();
    if (!result.ok) return { ok: false, reason: result.reason };

    const heldText = held.text();
    if (heldText !== '') await write(io.stderr, heldText);
    await warnUnknownWaivers(lib, { ...result.fleet, services: [] }, governance, io);
    await warnUnknownTeam(io, team, result.teams);
    const out = stringOption(values, 'out');
    if (page !== undefined) {
      const end = page.end(result.summary);
      const parts = [
        end.head,
        ...blocks.flatMap((block, i) => [block.read(), end.chunks[i] ?? '', end.after[i] ?? '']),
      ];
      await emitResult(io, out, pieces(...parts), 'html report');
    } else {
      const body =
        text === undefined
          ? pieces(result.head, scratch.read(), result.tail)
          : text.render(result.summary, result.count);
      await emitResult(io, out, body, `${format} report`);
    }
    if (failOn !== undefined) checkFailOn(failOn, result.matched);
    return { ok: true, code: EXIT_CODES.ok };
  } finally {
    await pool.close();
    await spool.close();
    for (const s of Object.values(spools)) await s.close();
    for (const block of blocks) await block.close();
  }
}

/** Text and spooled chunks, in order. */
async function* pieces(...parts: (string | AsyncIterable<Uint8Array>)[]): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) {
    if (typeof part === 'string') yield part;
    else yield* part;
  }
}
