import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type * as ToolkitModule from '@pt/toolkit';
import type { ServiceBatch, ServiceBatchEvaluator, ServiceBatchInput, ServiceBatchOptions } from '@pt/toolkit';

type Toolkit = typeof ToolkitModule;

/** A batch evaluated by a worker, with the id it was sent with. */
interface Result {
  readonly id: number;
  readonly batch: ServiceBatch;
}

interface Pending {
  readonly resolve: (batch: ServiceBatch) => void;
  readonly reject: (error: Error) => void;
}

/** One worker thread and the batches it was given. */
class BatchWorker {
  readonly #worker: Worker;
  readonly #results: MessagePort;
  readonly #pending = new Map<number, Pending>();
  #options: ServiceBatchOptions | undefined;
  #failure: Error | undefined;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.#results = port1;
    this.#worker = new Worker(new URL('./report-worker.js', import.meta.url), {
      workerData: { results: port2 },
      transferList: [port2],
    });
    port1.on('message', (message: Result) => this.#receive(message));
    const fail = (error: unknown) => {
      this.#failure ??= error instanceof Error ? error : new Error(String(error));
      for (const p of this.#pending.values()) p.reject(this.#failure);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`a report worker exited with code ${code}`)));
  }

  #receive({ id, batch }: Result): void {
    this.#pending.get(id)?.resolve(batch);
    this.#pending.delete(id);
  }

  /**
   * Batches given and not yet returned. Results that arrived are taken first, synchronously:
   * this thread may be too busy to let the event loop deliver them.
   */
  get busy(): number {
    for (let m = receiveMessageOnPort(this.#results); m !== undefined; m = receiveMessageOnPort(this.#results)) {
      this.#receive(m.message as Result);
    }
    return this.#pending.size;
  }

  evaluate(id: number, input: ServiceBatchInput, options: ServiceBatchOptions): Promise<ServiceBatch> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // The options are the same object for every batch of a report: sent once.
      if (this.#options !== options) {
        this.#worker.postMessage({ options });
        this.#options = options;
      }
      this.#worker.postMessage({ id, input });
    });
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('the report workers were closed');
    this.#results.close();
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
  const evaluate: ServiceBatchEvaluator = (input, options) => {
    id++;
    // Started on first use, while this thread goes on reading.
    while (workers.length < threads - 1) workers.push(new BatchWorker());
    const idle = workers.reduce<BatchWorker | undefined>(
      (best, w) => (best === undefined || w.busy < best.busy ? w : best),
      undefined,
    );
    if (idle === undefined || idle.busy >= QUEUE_PER_WORKER) return lib.evaluateServiceBatch(input, options);
    return idle.evaluate(id, input, options);
  };
  const close = async (): Promise<void> => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
  };
  return { evaluate, close };
}
