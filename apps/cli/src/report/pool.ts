import { Worker } from 'node:worker_threads';
import type * as ToolkitModule from '@pt/toolkit';
import type { ServiceBatch, ServiceBatchEvaluator, ServiceBatchOptions } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

interface Pending {
  readonly resolve: (batch: ServiceBatch) => void;
  readonly reject: (error: Error) => void;
}

/** One worker thread and the batches it was given. */
class BatchWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #options: ServiceBatchOptions | undefined;
  #failure: Error | undefined;

  constructor() {
    this.#worker = new Worker(new URL('./report-worker.js', import.meta.url));
    this.#worker.on('message', ({ id, batch }: { id: number; batch: ServiceBatch }) => {
      this.#pending.get(id)?.resolve(batch);
      this.#pending.delete(id);
    });
    const fail = (error: unknown) => {
      this.#failure ??= error instanceof Error ? error : new Error(String(error));
      for (const p of this.#pending.values()) p.reject(this.#failure);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`a report worker exited with code ${code}`)));
  }

  /** Batches given and not yet returned. */
  get busy(): number {
    return this.#pending.size;
  }

  evaluate(id: number, texts: readonly string[], options: ServiceBatchOptions): Promise<ServiceBatch> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // The options are the same object for every batch of a report: sent once.
      if (this.#options !== options) {
        this.#worker.postMessage({ options });
        this.#options = options;
      }
      this.#worker.postMessage({ id, texts });
    });
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('the report workers were closed');
    await this.#worker.terminate();
  }
}

/** Batches a worker may hold (one being evaluated, one waiting) before this thread takes the next. */
const QUEUE_PER_WORKER = 2;

/**
 * Batches evaluated on `threads` threads: `threads - 1` workers, and this one whenever every
 * worker already holds {@link QUEUE_PER_WORKER} batches (this thread also reads the file and
 * writes the output, so it takes what the workers cannot). The caller keeps the results in
 * order; `close` ends the workers.
 */
export function batchPool(
  lib: Toolkit,
  threads: number,
): { evaluate: ServiceBatchEvaluator; close: () => Promise<void> } {
  const workers: BatchWorker[] = [];
  let id = 0;
  const evaluate: ServiceBatchEvaluator = (texts, options) => {
    id++;
    // Started on first use, while this thread goes on reading.
    while (workers.length < threads - 1) workers.push(new BatchWorker());
    const idle = workers.reduce<BatchWorker | undefined>(
      (best, w) => (best === undefined || w.busy < best.busy ? w : best),
      undefined,
    );
    if (idle === undefined || idle.busy >= QUEUE_PER_WORKER) return lib.evaluateServiceBatch(texts, options);
    return idle.evaluate(id, texts, options);
  };
  const close = async (): Promise<void> => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
  };
  return { evaluate, close };
}
