import type { AgentPoolFactory, KernelAgents } from './agents.js';
import type { CapabilityKind, CapabilityKinds, DiscoverReport, FrameworkDetection, PluginReport, PluginSourceKind } from './capabilities.js';
import type { ResolvedConfig, UserConfig } from './config.js';
import type { HookName, HookReport, KernelHooks } from './hooks.js';
import type { Logger, PluginDefinition } from './plugin.js';
import type { RunResult, TestFileResult } from './results.js';
import type { Store } from './store.js';

/** A plugin handed to createKernel: an object, or a module to import. */
export type PluginInput = { plugin: PluginDefinition<any>; source?: PluginSourceKind; options?: Record<string, unknown> } | { from: string; source?: PluginSourceKind; options?: Record<string, unknown> };

export interface KernelOptions {
  /** Project root; config and installed plugins are looked up from here. */
  cwd: string;
  /** A config object, or a path to a config file; when absent the config is searched in cwd. */
  config?: UserConfig | string;
  /** The caller's default set (the CLI's preset). */
  plugins?: PluginInput[];
  /** Overrides config.strict for this kernel's behaviour; `kernel.config.strict` still shows the configured value. */
  strict?: boolean;
  logger?: Logger;
  /** Overrides config.storeDir (absolute or relative to cwd). */
  storeDir?: string;
  /**
   * Keep the store in memory for this kernel's life: nothing earlier runs kept is read,
   * nothing is written, and LMDB is not loaded (`aqe discover --no-cache`). Agents cannot
   * run then (their threads open the store from disk).
   */
  memoryStore?: boolean;
  /** Creates the agent worker pool (the CLI passes @aqe/workers' createAgentPool); without it kernel.agents.run fails with AQE_AGENT_POOL_MISSING. */
  agentPool?: AgentPoolFactory;
  /** Start the pool's minThreads with the kernel (for commands that will run agents); otherwise the pool starts on the first run. */
  prewarmAgents?: boolean;
}

export interface Registry {
  list<K extends CapabilityKind>(kind: K): CapabilityKinds[K][];
  get<K extends CapabilityKind>(kind: K, id: string): CapabilityKinds[K] | undefined;
  /** The plugin that registered a capability. */
  owner(kind: CapabilityKind, id: string): string | undefined;
}

export interface DiscoverOptions {
  /** Runner ids to use; every detected runner when absent. An unknown id is AQE_RUNNER_UNKNOWN. */
  runners?: string[];
  /** false forces a cold walk and fresh config resolution (`--no-cache`). */
  cache?: boolean;
  /** Workspace packages to use, by package name or directory (globs allowed; `.` is the root); all when absent. */
  projects?: string[];
  signal?: AbortSignal;
}

export interface RunTestsOptions {
  /** Files or directories (relative to the project root) to restrict the run to; all discovered tests when empty. */
  paths?: string[];
  runners?: string[];
  /** Workspace packages to run, by package name or directory (globs allowed; `.` is the root); all when absent. */
  projects?: string[];
  testNamePattern?: string;
  /** Stop after the first failing test file (`true`), or after this many. */
  bail?: boolean | number;
  retries?: number;
  /** Drop the tests' console output (`--silent`). */
  silent?: boolean;
  /** Passed to every runner's framework after its own arguments (`aqe run -- <args>`). */
  frameworkArgs?: string[];
  /** This machine's part of a CI matrix: 1-based index of count. */
  shard?: { index: number; count: number };
  signal?: AbortSignal;
  /** false bypasses the result cache (`--no-cache`, `AQE_CACHE=off`). */
  cache?: boolean;
  /** Called once the files are known, and as each file starts and finishes (drives live progress). */
  onRunStart?(files: number): void;
  onFileStart?(file: string): void;
  onFileResult?(result: TestFileResult): void;
}

export interface Kernel {
  readonly cwd: string;
  readonly config: Readonly<ResolvedConfig>;
  readonly registry: Registry;
  readonly store: Store;
  readonly version: string;
  /** Runs agents in the kernel's worker pool. */
  readonly agents: KernelAgents;
  plugins(): PluginReport[];
  /** Test files per detected runner, from the file index and each framework's own rules. */
  discover(options?: DiscoverOptions): Promise<DiscoverReport>;
  /**
   * Runs tests through each framework's own runner: discovery, then every runner's
   * `run()`, firing run:before, file:start, test:result, file:result and run:after, and
   * appending every outcome to the store's history.
   */
  run(options?: RunTestsOptions): Promise<RunResult>;
  /** The frameworks the registered runners detect in the project, sorted by runner id. */
  detect(): Promise<FrameworkDetection[]>;
  callHook<K extends HookName>(hook: K, payload: KernelHooks[K]): Promise<HookReport>;
  dispose(): Promise<void>;
}
