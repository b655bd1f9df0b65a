import type { Store } from '@aqe/kernel';

/** What an agent receives besides its input: cancellation, the store, and a line back to the caller. */
export interface AgentContext {
  /** Cancellation of this task. A running task that is aborted or times out has its thread stopped. */
  signal: AbortSignal;
  /** Reports progress to the caller's `onProgress`. */
  progress(done: number, total?: number): void;
  /** Sends a named event to the caller's `onEvent`; `data` must be structured-cloneable. */
  emit(name: string, data?: unknown): void;
  /** The kernel's store, opened once in this worker (same path as the kernel's). */
  store: Store;
  agent: { name: string; version: string };
}

/**
 * An agent module's default export. Agents run in pooled worker threads (issue #5):
 * `run` must be deterministic for the same input and store contents.
 */
export interface AgentDefinition<Input = unknown, Output = unknown> {
  name: string;
  version: string;
  run(input: Input, ctx: AgentContext): Output | Promise<Output>;
}

export function defineAgent<Input, Output>(agent: AgentDefinition<Input, Output>): AgentDefinition<Input, Output> {
  if (typeof agent?.name !== 'string' || agent.name === '') throw new TypeError('defineAgent: "name" must be a non-empty string');
  if (typeof agent.run !== 'function') throw new TypeError(`defineAgent("${agent.name}"): "run" must be a function`);
  return agent;
}
