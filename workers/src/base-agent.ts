import type { AgentContext, AgentDefinition } from './define-agent.js';
import { CoordinationStrategy } from './strategies/coordination.js';
import { LearningStrategy } from './strategies/learning.js';
import { LifecycleStrategy } from './strategies/lifecycle.js';
import { MemoryStrategy } from './strategies/memory.js';

/**
 * An agent as a class: extend it, implement execute(), and export an instance as the
 * module's default export. It composes four strategies, each replaceable in a subclass:
 * lifecycle (init() once per thread, reset() after every task), memory (typed store
 * access), learning (outcome statistics per key) and coordination (progress and events).
 */
export abstract class BaseAgent<Input = unknown, Output = unknown, Outcome extends string = string> implements AgentDefinition<Input, Output> {
  abstract readonly name: string;
  abstract readonly version: string;

  protected readonly lifecycle = new LifecycleStrategy({ init: (ctx) => this.init(ctx), reset: () => this.reset() });
  protected readonly memory = new MemoryStrategy();
  protected readonly coordination = new CoordinationStrategy();
  private learned: LearningStrategy<Outcome> | undefined;

  /** Outcome statistics, kept under this agent's name. */
  protected get learning(): LearningStrategy<Outcome> {
    this.learned ??= new LearningStrategy<Outcome>(this.memory, { namespace: this.name });
    return this.learned;
  }

  /** One task. Input and output cross threads: plain, structured-cloneable data. */
  protected abstract execute(input: Input, ctx: AgentContext): Output | Promise<Output>;

  /** Once per worker thread, before the first task. */
  protected init(_ctx: AgentContext): void | Promise<void> {}

  /** After every task: clear any per-task state the subclass keeps in fields. */
  protected reset(): void | Promise<void> {}

  async run(input: Input, ctx: AgentContext): Promise<Output> {
    this.memory.bind(ctx.store);
    this.coordination.bind(ctx);
    let output: Output;
    try {
      await this.lifecycle.beforeTask(ctx);
      output = await this.execute(input, ctx);
    } catch (error) {
      await this.end().catch(() => {});
      throw error;
    }
    await this.end();
    return output;
  }

  private async end(): Promise<void> {
    this.coordination.unbind();
    await this.lifecycle.afterTask();
  }
}
