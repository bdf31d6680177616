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

/**
 * Batches evaluated on `threads` threads: this one and `threads - 1` workers, in turn. The
 * caller keeps the results in order; `close` ends the workers.
 */
export function batchPool(
  lib: Toolkit,
  threads: number,
): { evaluate: ServiceBatchEvaluator; close: () => Promise<void> } {
  const workers: BatchWorker[] = [];
  let next = 0;
  const evaluate: ServiceBatchEvaluator = (texts, options) => {
    const turn = next++ % threads;
    if (turn === 0) return lib.evaluateServiceBatch(texts, options);
    // Started on first use, while this thread goes on reading.
    const worker = (workers[turn - 1] ??= new BatchWorker());
    return worker.evaluate(next, texts, options);
  };
  const close = async (): Promise<void> => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
  };
  return { evaluate, close };
}
