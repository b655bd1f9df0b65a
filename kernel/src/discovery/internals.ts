import type { KernelAgents } from '../types/agents.js';
import type { HookName, HookReport, KernelHooks } from '../types/hooks.js';
import type { ResolvedConfig } from '../types/config.js';
import type { Registry } from '../types/kernel.js';
import type { Logger } from '../types/plugin.js';
import type { Store } from '../types/store.js';

/** The parts of a kernel that its services use; kept narrow so services are testable alone. */
export interface KernelInternals {
  cwd: string;
  registry: Registry;
  store: Store;
  logger?: Logger;
  /** The resolved config, for services with settings of their own (the result cache). */
  config?: Readonly<ResolvedConfig>;
  /** `kernel.agents`, for services that hand work to an agent (failure classification after a run). */
  agents?: KernelAgents;
}

export interface HookBusLike {
  call<K extends HookName>(hook: K, payload: KernelHooks[K]): Promise<HookReport>;
}
