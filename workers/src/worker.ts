/**
 * The thread side of the agent pool (pool side: create-agent-pool.ts; messages:
 * protocol.ts). Piscina loads this module once per thread; each task is one call of the
 * default export. The store is opened once per thread, agent modules once on first use.
 */
import { workerData } from 'node:worker_threads';
import { openStore, type Store } from '@aqe/kernel/store';
import { AgentLoader } from './agent-loader.js';
import type { AgentContext } from './define-agent.js';
import type { SerializedError, TaskPortMessage, TaskReply, TaskRequest, WorkerInit } from './protocol.js';

const init = workerData as WorkerInit;
const loader = new AgentLoader(init.agents);
// Opened while the thread waits for its first task; a failure is reported by each task, not at start-up,
// because Piscina stops replacing threads that fail while starting.
type Opened = { store: Store } | { error: unknown };
let opened: Opened | undefined;
const storeReady: Promise<Opened> = openStore({ path: init.storePath }).then(
  (store) => (opened = { store }),
  (error: unknown) => (opened = { error }),
);
// Never aborted from this side: a task that is cancelled or times out has its thread stopped by the pool.
const signal = new AbortController().signal;

export default async function runTask(task: TaskRequest): Promise<TaskReply> {
  try {
    if (!loader.has(task.agent)) return { ok: false, kind: 'unknown', error: serialize(new Error(`this pool has no agent "${task.agent}"`)) };
    // After the first task both are at hand: a pooled task awaits no import and no open.
    const loaded = loader.ready(task.agent) ?? (await loader.load(task.agent));
    const store = opened ?? (await storeReady);
    if ('error' in loaded) return { ok: false, kind: 'load', error: serialize(loaded.error) };
    if ('error' in store) return { ok: false, kind: 'load', error: serialize(store.error) };
    // Between tasks this thread never reaches the timer that would drop its read snapshot: without this, an agent reads the store as it was at the previous task.
    store.store.refresh();
    try {
      const output = await loaded.definition.run(task.input, context(task, store.store, loaded.version));
      return { ok: true, output };
    } finally {
      // Writes the agent did not await are committed before the reply: between tasks Piscina blocks this thread's event loop.
      await store.store.flushed();
    }
  } catch (error) {
    return { ok: false, kind: 'failed', error: serialize(error) };
  } finally {
    task.port?.close();
  }
}

function context(task: TaskRequest, store: Store, version: string): AgentContext {
  const { port } = task;
  const post = (message: TaskPortMessage) => port?.postMessage(message);
  return {
    signal,
    progress: (done, total) => post(total === undefined ? { type: 'progress', done } : { type: 'progress', done, total }),
    emit: (name, data) => post({ type: 'event', name, data }),
    store,
    agent: { name: task.agent, version },
  };
}

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(typeof code === 'string' ? { code } : {}) };
}
