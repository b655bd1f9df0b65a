/**
 * The one place the messages between the pool (create-agent-pool.ts) and its worker
 * threads (worker.ts) are typed. Both sides import it; nothing else crosses the thread.
 */
import type { MessagePort } from 'node:worker_threads';
import type { AgentCapability } from '@aqe/kernel';

/** Given to every worker when it starts (Piscina `workerData`). */
export interface WorkerInit {
  storePath: string;
  agents: readonly Pick<AgentCapability, 'id' | 'module' | 'version'>[];
}

/** One task: which agent, its input, and (when the caller listens) a port for progress and events. */
export interface TaskRequest {
  agent: string;
  input: unknown;
  port?: MessagePort;
}

/** How an agent failure crosses the thread: structured clone keeps neither class nor `code`. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/** The worker settles every task with a reply; only a dead thread makes Piscina reject. */
export type TaskReply = { ok: true; output: unknown } | { ok: false; kind: 'failed' | 'unknown' | 'load'; error: SerializedError };

/** Sent over a task's port while it runs. */
export type TaskPortMessage = { type: 'progress'; done: number; total?: number } | { type: 'event'; name: string; data: unknown };
