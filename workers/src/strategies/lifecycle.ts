import type { AgentContext } from '../define-agent.js';

export interface LifecycleHooks {
  /** Once per worker thread, before its first task: load what every task shares (tables, compiled patterns). */
  init?(ctx: AgentContext): void | Promise<void>;
  /** After every task, whatever its outcome: drop what the task left, so nothing leaks into the next one. */
  reset?(): void | Promise<void>;
}

/**
 * Init once, reset between tasks. A pooled thread runs many tasks for many callers one
 * after another; per-task state that survives a task would be read by the next caller.
 */
export class LifecycleStrategy {
  private initialised: Promise<void> | undefined;
  private completed = 0;

  constructor(private readonly hooks: LifecycleHooks) {}

  /** Tasks this instance finished (in this thread). */
  get tasks(): number {
    return this.completed;
  }

  async beforeTask(ctx: AgentContext): Promise<void> {
    // A failed init fails its task and is tried again by the next one.
    this.initialised ??= Promise.resolve(this.hooks.init?.(ctx)).catch((error: unknown) => {
      this.initialised = undefined;
      throw error;
    });
    await this.initialised;
  }

  async afterTask(): Promise<void> {
    this.completed++;
    try {
      await this.hooks.reset?.();
    } catch (error) {
      // State that could not be reset may be wrong: start from init again.
      this.initialised = undefined;
      throw new Error(`reset() failed after a task, so the agent is initialised again before the next one: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}
