import type { McpToolContext } from '@aqe/kernel';

/** Runs an agent in the kernel's worker pool with the call's cancellation and progress. */
export function runAgent<Output>(name: string, input: unknown, { kernel, signal, progress }: McpToolContext): Promise<Output> {
  return kernel.agents.run<Output>(name, input, { signal, onProgress: (done, total) => progress(done, total) });
}
