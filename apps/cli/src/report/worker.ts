// Evaluates batches of fleet services for `pt report` on its own thread (see pool.ts). The first
// message carries the options every service is evaluated with; each later one a batch. Results
// go back on the port given in workerData, which the main thread can also read synchronously.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ServiceBatchInput, ServiceBatchOptions } from '@pt/toolkit';

type Message = { readonly options: ServiceBatchOptions } | { readonly id: number; readonly input: ServiceBatchInput };

const { results } = workerData as { results: MessagePort };
const lib = await import('@pt/toolkit');
let options: ServiceBatchOptions = {};
parentPort?.on('message', (message: Message) => {
  if ('options' in message) {
    options = message.options;
    return;
  }
  const batch = lib.evaluateServiceBatch(message.input, options);
  // The HTML page's parts are buffers of their own: moved, not copied.
  const moved = batch.ok && batch.html !== undefined ? batch.html.data.map((d) => d.buffer as ArrayBuffer) : [];
  results.postMessage({ id: message.id, batch }, moved);
});
