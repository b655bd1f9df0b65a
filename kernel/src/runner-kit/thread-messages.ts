import type { MessagePort } from 'node:worker_threads';
import { lazyRequire } from '../util/lazy.js';

const workerThreads = lazyRequire<typeof import('node:worker_threads')>('node:worker_threads');

/**
 * The messages already queued on `port`, taken now without waiting for the event loop to
 * deliver them: a config thread reads what its loader hooks (another thread) posted while
 * a config was imported, the moment the import settles, before it answers and leaves.
 */
export function drainMessages(port: MessagePort): unknown[] {
  const messages: unknown[] = [];
  for (let m = workerThreads().receiveMessageOnPort(port); m; m = workerThreads().receiveMessageOnPort(port)) messages.push(m.message);
  return messages;
}
