import type { AgentCapability } from './capabilities.js';

/** How a caller runs one agent task (`kernel.agents.run`). */
export interface AgentRunOptions {
  /** Aborting cancels the task (queued or running); the promise rejects with AQE_AGENT_ABORTED. */
  signal?: AbortSignal;
  /** Per-task limit; defaults to config `agents.taskTimeoutMs`. A task over it rejects with AQE_AGENT_TIMEOUT. */
  timeoutMs?: number;
  /** Progress the agent reports from its worker. */
  onProgress?(done: number, total?: number): void;
  /** Named events the agent emits from its worker (coordination strategy). */
  onEvent?(name: string, data: unknown): void;
}

/** Pool settings, from config `agents` (all optional there). */
export interface AgentPoolSettings {
  /** Threads started with the kernel and kept warm (0 = lazy: start on first task). */
  minThreads: number;
  maxThreads: number;
  /** A thread above minThreads idle this long is stopped. */
  idleTimeoutMs: number;
  taskTimeoutMs: number;
  /** Per-worker heap limit (Node's resourceLimits.maxOldGenerationSizeMb). */
  maxOldGenerationSizeMb: number;
}

/** What the kernel hands the pool factory. */
export interface AgentPoolInit {
  cwd: string;
  /** Absolute path of the LMDB store the workers open (read-mostly). */
  storePath: string;
  agents: readonly AgentCapability[];
  settings: AgentPoolSettings;
}

/** A worker pool (implemented in @aqe/workers); the kernel owns one per kernel. */
export interface AgentPool {
  run<Output = unknown>(agent: string, input: unknown, options?: AgentRunOptions): Promise<Output>;
  /** Threads currently alive. */
  readonly threads: number;
  /** Stops every worker thread; pending tasks reject. */
  destroy(): Promise<void>;
}

export type AgentPoolFactory = (init: AgentPoolInit) => AgentPool | Promise<AgentPool>;

/** `kernel.agents`: the only way to run an agent. */
export interface KernelAgents {
  /** Agent ids registered by plugins, sorted. */
  list(): string[];
  run<Output = unknown>(agent: string, input: unknown, options?: AgentRunOptions): Promise<Output>;
}

/** What the failure-classifier concludes about one failing test (or file-level error). */
export type FailureClass = 'regression' | 'flaky' | 'environment' | 'snapshot' | 'unknown';

export interface FailureClassification {
  /** Test id, or `<file>` for an error outside any test. */
  testId: string;
  file: string;
  class: FailureClass;
  /** 0..1 */
  confidence: number;
  /** Stable id of the normalised failure signature in the pattern bank. */
  signature: string;
  /** Why, in one sentence a person or an assistant can act on. */
  reason: string;
  /** The best known action, e.g. `fix_test_failures`, `update_snapshots`, `confirm_flaky`, `check_environment`. */
  action: string;
}
