import { AgentError, ErrorCodes } from '../errors.js';
import type { AgentPool, AgentPoolFactory, AgentPoolSettings, KernelAgents } from '../types/agents.js';
import type { Registry } from '../types/kernel.js';
import { MemoryStore } from '../store/memory-store.js';
import type { Store } from '../types/store.js';

export interface KernelAgentsInit {
  cwd: string;
  store: Store;
  registry: Registry;
  settings: AgentPoolSettings;
  factory: AgentPoolFactory | undefined;
  isDisposed(): boolean;
}

export interface OwnedAgents extends KernelAgents {
  /** Starts the pool now (its minThreads warm up in the background); a no-op without a factory or agents. */
  prewarm(): Promise<void>;
  /** Stops every worker thread; the kernel calls it in dispose(), before the store closes. */
  destroy(): Promise<void>;
}

/**
 * `kernel.agents`: the kernel's one way into the worker pool. The pool comes from the
 * caller's factory (the kernel never imports @aqe/workers) and is created once, on the
 * first run or at start when prewarming is asked for.
 */
export function createKernelAgents(init: KernelAgentsInit): OwnedAgents {
  let pool: Promise<AgentPool> | undefined;
  const list = () =>
    init.registry
      .list('agents')
      .map((a) => a.id)
      .sort();

  const open = (): Promise<AgentPool> => {
    pool ??= Promise.resolve().then(() => init.factory!({ cwd: init.cwd, storePath: init.store.path, agents: init.registry.list('agents'), settings: { ...init.settings } }));
    return pool;
  };

  return {
    list,
    async run<Output>(agent: string, input: unknown, options?: Parameters<KernelAgents['run']>[2]): Promise<Output> {
      if (init.isDisposed()) throw new AgentError(ErrorCodes.KERNEL_DISPOSED, agent, 'kernel.agents.run() was called after kernel.dispose()', 'Create a new kernel');
      if (!init.registry.get('agents', agent)) {
        const known = list();
        throw new AgentError(
          ErrorCodes.AGENT_UNKNOWN,
          agent,
          `no plugin registered this agent (${known.length > 0 ? `registered: ${known.join(', ')}` : 'no plugin registered any agent'})`,
          'Check the agent name, or add the plugin that provides it to the config',
        );
      }
      // Agent threads open the store from disk: a store kept in memory is not there for them.
      if (init.store instanceof MemoryStore)
        throw new AgentError(ErrorCodes.AGENT_POOL_MISSING, agent, 'this kernel keeps its store in memory, and agents read and write the store from their own threads', 'Create the kernel without memoryStore to run agents');
      if (!init.factory) throw new AgentError(ErrorCodes.AGENT_POOL_MISSING, agent, 'this kernel has no agent pool', 'Create the kernel with the agentPool option (the aqe CLI passes @aqe/workers createAgentPool)');
      try {
        return await (await open()).run<Output>(agent, input, options);
      } finally {
        // What the agent wrote in its thread is committed; a snapshot this thread took before would not show it.
        if (!init.isDisposed()) init.store.refresh();
      }
    },
    async prewarm() {
      if (init.factory && !(init.store instanceof MemoryStore) && init.registry.list('agents').length > 0) await open();
    },
    async destroy() {
      const started = pool;
      pool = undefined;
      if (started) await (await started.catch(() => undefined))?.destroy();
    },
  };
}
