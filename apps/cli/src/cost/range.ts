import { createReadStream } from 'node:fs';
import { strictUtf8 } from './utf8.js';

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

export interface RangeResult {
  readonly cube: CostCube;
  /** The range ended inside a record: the next part did not start on a record boundary. */
  readonly midRecord: boolean;
}

/** Streams one byte range of an uncompressed CSV through a fresh aggregator. */
export async function aggregateRange(
  lib: Toolkit,
  file: string,
  options: AggregatorOptions,
  range: ByteRange,
  onChunk?: (bytes: number, rows: number) => void,
): Promise<RangeResult> {
  const aggregator = new lib.FocusAggregator(options);
  if (range.header !== undefined) aggregator.write(`${range.header}\n`);
  if (range.end > range.start) {
    const decoder = strictUtf8();
    const stream = createReadStream(file, { start: range.start, end: range.end - 1, highWaterMark: 1 << 18 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      aggregator.write(decoder.decode(chunk));
      onChunk?.(chunk.length, aggregator.rowCount);
    }
    decoder.end();
  }
  const midRecord = aggregator.midRecord;
  return { cube: aggregator.end(), midRecord };
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
