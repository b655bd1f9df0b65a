import type { InitializeHook, LoadHook } from 'node:module';
import type { MessagePort } from 'node:worker_threads';

/**
 * ESM loader hooks registered by config-child.ts: report every file an ES module config
 * imports (fs.readFileSync tracking there sees only CommonJS and JSON reads). Runs on
 * Node's loader thread; the URL is posted before the module loads, so it is queued on
 * the port by the time the import that needed it settles.
 */
let port: MessagePort | undefined;

export const initialize: InitializeHook<{ port: MessagePort }> = (data) => {
  port = data.port;
};

export const load: LoadHook = (url, context, nextLoad) => {
  if (url.startsWith('file:')) port?.postMessage(url);
  return nextLoad(url, context);
};
