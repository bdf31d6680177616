// Evaluates batches of fleet services for `pt report` on its own thread (see pool.ts). The first
// message carries the options every service is evaluated with; each later one a batch.
import { parentPort } from 'node:worker_threads';
import type { ServiceBatchOptions } from '@pt/toolkit';

type Message = { readonly options: ServiceBatchOptions } | { readonly id: number; readonly texts: readonly string[] };

const lib = await import('@pt/toolkit');
let options: ServiceBatchOptions = {};
parentPort?.on('message', (message: Message) => {
  if ('options' in message) {
    options = message.options;
    return;
  }
  parentPort?.postMessage({ id: message.id, batch: lib.evaluateServiceBatch(message.texts, options) });
});
