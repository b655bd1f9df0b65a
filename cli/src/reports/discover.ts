import type { FormatterInput, Kernel, KernelOptions } from '@aqe/kernel';
import { ExitCode } from '../exit-codes.js';

export interface DiscoverFlags {
  runner?: string[] | undefined;
  cache: boolean;
}

/** --no-cache must not use what earlier runs kept; keeping the store in memory also spares loading LMDB. */
export function discoverKernelOptions(flags: DiscoverFlags): Pick<KernelOptions, 'memoryStore'> {
  return flags.cache ? {} : { memoryStore: true };
}

/** `aqe discover` without oclif, so the lean fast path and the oclif command share it. */
export async function discoverReport(kernel: Kernel, flags: DiscoverFlags): Promise<FormatterInput> {
  const data = await kernel.discover({ cache: flags.cache, ...(flags.runner ? { runners: flags.runner } : {}) });
  return { kind: 'discover', data };
}

/** A framework whose config cannot be loaded is a failure: its tests would silently go missing. */
export function discoverExitCode(input: FormatterInput): number {
  return input.kind === 'discover' && input.data.runners.some((r) => r.error) ? ExitCode.Failure : ExitCode.Ok;
}
