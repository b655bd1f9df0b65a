/** What an agent receives besides its input: cancellation and progress back to the kernel. */
export interface AgentContext {
  signal: AbortSignal;
  progress(done: number, total?: number): void;
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
