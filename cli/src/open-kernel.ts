import type { AgentPoolFactory, Kernel, PluginInput } from '@aqe/kernel';

interface OpenKernelOptions {
  cwd: string;
  /** Absolute config file path; absent means the kernel searches cwd. */
  config?: string;
  strict?: boolean;
  memoryStore?: boolean;
  /** Plugins oclif knows about (installed or linked), after the preset. */
  extra: PluginInput[];
  /** Start the agent pool's threads with the kernel: for commands that will run agents. */
  prewarmAgents?: boolean;
}

/** @aqe/workers (and Piscina) load only when a command first runs an agent, or prewarms the pool. */
const agentPool: AgentPoolFactory = async (init) => (await import('@aqe/workers')).createAgentPool(init);

/**
 * The kernel (LMDB, zod, plugin modules) is imported here, on first use, not at module
 * load: `aqe <cmd> --help` loads the command module and must stay as fast as start-up.
 */
export async function openKernel(options: OpenKernelOptions): Promise<Kernel> {
  const [{ createKernel }, { builtinPlugins }] = await Promise.all([import('@aqe/kernel'), import('./preset.js')]);
  return createKernel({
    cwd: options.cwd,
    plugins: [...builtinPlugins, ...options.extra],
    agentPool,
    ...(options.prewarmAgents ? { prewarmAgents: true } : {}),
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.strict === undefined ? {} : { strict: options.strict }),
    ...(options.memoryStore ? { memoryStore: true } : {}),
  });
}
