import type { AgentContext } from '../define-agent.js';

/**
 * Progress and events back to the caller (`onProgress`, `onEvent` of kernel.agents.run),
 * posted over the task's own MessagePort. Bound to one task at a time: a call after the
 * task ended would report into the next caller's task, so it throws instead.
 */
export class CoordinationStrategy {
  private task: AgentContext | undefined;

  bind(ctx: AgentContext): void {
    this.task = ctx;
  }

  unbind(): void {
    this.task = undefined;
  }

  /** The task's cancellation signal. */
  get signal(): AbortSignal {
    return this.current().signal;
  }

  progress(done: number, total?: number): void {
    this.current().progress(done, total);
  }

  emit(name: string, data?: unknown): void {
    this.current().emit(name, data);
  }

  private current(): AgentContext {
    if (!this.task) throw new Error('progress and events can only be sent while the agent runs a task; await all work inside execute()');
    return this.task;
  }
}
