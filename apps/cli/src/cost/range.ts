import { createReadStream } from 'node:fs';
import { checkedUtf8, strictUtf8 } from './utf8.js';

import type * as ToolkitModule from '@pt/toolkit';
import type { AggregatorOptions, CostCube } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** A byte range of a FOCUS CSV; a part after the first gets the file's header row prepended. */
export interface ByteRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  /** The header row's text, for a part that does not start at the top of the file. */
  readonly header?: string;
}

/**
 * How the streaming engine reads a FOCUS CSV: `bytes` (the default) hands the aggregator bytes,
 * which it reads without decoding what it does not use; `text` decodes every chunk first and
 * reads every row the plain way. Both give the same cube: `PT_COST_PATH=text` is there to prove it.
 */
export type ReadPath = 'bytes' | 'text';

/** Rows the byte path read without decoding them, and rows it decoded first (all, on the text path). */
export interface PathCount {
  readonly fast: number;
  readonly plain: number;
}

/** A fresh aggregator fed the chosen way: `push` checks (bytes) or decodes (text) each chunk. */
export function feeder(lib: Toolkit, options: AggregatorOptions, path: ReadPath) {
  const aggregator = new lib.FocusAggregator(options);
  if (path === 'bytes') {
    const utf8 = checkedUtf8();
    return {
      aggregator,
      push: (chunk: Buffer) => aggregator.writeBytes(utf8.check(chunk)),
      pushText: (text: string) => aggregator.writeBytes(Buffer.from(text, 'utf8')),
      end: () => utf8.end(),
      count: (): PathCount => aggregator.bytePath,
    };
  }
  const utf8 = strictUtf8();
  return {
    aggregator,
    push: (chunk: Buffer) => aggregator.write(utf8.decode(chunk)),
    pushText: (text: string) => aggregator.write(text),
    end: () => utf8.end(),
    count: (): PathCount => ({ fast: 0, plain: aggregator.rowCount }),
  };
}

export interface RangeResult {
  readonly cube: CostCube;
  readonly count: PathCount;
  /** The range ended inside a record: the next part did not start on a record boundary. */
  readonly midRecord: boolean;
}

/** Streams one byte range of an uncompressed CSV through a fresh aggregator. */
export async function aggregateRange(
  lib: Toolkit,
  file: string,
  options: AggregatorOptions,
  range: ByteRange,
  path: ReadPath,
  onChunk?: (bytes: number, rows: number) => void,
): Promise<RangeResult> {
  const feed = feeder(lib, options, path);
  if (range.header !== undefined) feed.pushText(`${range.header}\n`);
  if (range.end > range.start) {
    const stream = createReadStream(file, { start: range.start, end: range.end - 1, highWaterMark: 1 << 20 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      feed.push(chunk);
      onChunk?.(chunk.length, feed.aggregator.rowCount);
    }
    feed.end();
  }
  const midRecord = feed.aggregator.midRecord;
  return { cube: feed.aggregator.end(), midRecord, count: feed.count() };
}

/** Line feeds in the file before `offset`: to turn a part's line numbers into the file's. */
export async function lineFeedsBefore(file: string, offset: number): Promise<number> {
  let count = 0;
  if (offset <= 0) return 0;
  const stream = createReadStream(file, { start: 0, end: offset - 1, highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}
