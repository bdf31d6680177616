// One part of a large FOCUS CSV, aggregated on its own thread (see parallel.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { AggregatorOptions } from '@pt/toolkit';
import { aggregateRange, type ByteRange, type ReadPath } from './range.js';

const { file, options, range, path } = workerData as {
  file: string;
  options: AggregatorOptions;
  range: ByteRange;
  path: ReadPath;
};
const lib = await import('@pt/toolkit');
try {
  parentPort?.postMessage({ ok: true, result: await aggregateRange(lib, file, options, range, path) });
} catch (error) {
  const e = error as { name?: unknown; code?: unknown; message?: unknown; issues?: unknown; issueCount?: unknown };
  parentPort?.postMessage({
    ok: false,
    error: {
      name: e.name,
      code: e.code,
      message: String(e.message ?? error),
      issues: e.issues,
      issueCount: e.issueCount,
    },
  });
}
