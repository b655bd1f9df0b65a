import type { CacheCommandReport } from './cache.js';
import type { FlakyReport } from './flaky.js';
import type { Kernel } from './kernel.js';
import type { RunResult, TestCase, TestFileResult } from './results.js';

/** Every capability has an id that is unique within its kind across all plugins. */
export interface Capability {
  id: string;
  description?: string;
}

export interface ProjectInfo {
  /** Absolute path of the repository root. */
  root: string;
  packageJson?: Record<string, unknown>;
  /** Relative POSIX paths of every non-ignored file (the kernel's file index), sorted. */
  files: readonly string[];
}

export interface RunnerDetection {
  runner: string;
  /** Config files relative to the project root (one per project in a monorepo), sorted. */
  configFiles: string[];
  /** Installed framework version, when it is installed. */
  version?: string;
}

export interface DiscoverContext {
  root: string;
  /** Relative POSIX paths of every non-ignored file in the repository, sorted. */
  files: readonly string[];
  /** Those of `files` that are symbolic links (the walk knows them; most frameworks follow them, Jest's crawler does not). */
  symlinks: ReadonlySet<string>;
  detection: RunnerDetection;
  signal?: AbortSignal;
}

export interface DiscoverOutput {
  /** Test files, relative POSIX paths, sorted. */
  files: string[];
  /**
   * Files whose content decided the result (config files and what they import), relative.
   * The kernel reuses the result without calling discover again while none of them and
   * no directory of the file index changed.
   */
  inputs: string[];
}

export interface RunOptions {
  /** Absolute project root; `files` are relative to it. */
  root: string;
  /** What detect() found (config files, version). */
  detection: RunnerDetection;
  /** Only tests whose full name (title path joined by spaces) matches this regex source (`-t`). */
  testNamePattern?: string;
  /** Stop after the first failing test file (`true`), or after this many failing files (as Jest's `--bail=n`). */
  bail?: boolean | number;
  /** Re-run a failing test up to this many times; a test that then passes reports `retries` > 0. */
  retries?: number;
  /** Drop the tests' console output (`--silent`): the runner need not collect it. */
  silent?: boolean;
  /** Arguments after `--` on the command line, for the framework's own CLI (`aqe run -- --maxWorkers=2`). */
  frameworkArgs?: readonly string[];
  /** Aborting stops the framework's process and resolves with what finished. */
  signal?: AbortSignal;
  onFileStart?(file: string): void;
  onTestResult?(test: TestCase): void;
  onFileResult?(file: TestFileResult): void;
}

export interface RunnerCapability extends Capability {
  detect(project: ProjectInfo): Promise<RunnerDetection | null>;
  discover(ctx: DiscoverContext): Promise<DiscoverOutput>;
  /**
   * Called before the file walk when discovery is about to resolve this runner's config
   * (no cached result, or `--no-cache`): start that work in the background (e.g. spawn the
   * config process) so it overlaps the walk; `discover` then takes it up. It must not
   * throw, and what it starts must not keep the process alive if discover never comes.
   */
  prepare?(root: string): void;
  /** Executes test files through the framework (added by the `aqe run` work; optional until then). */
  run?(files: readonly string[], options: RunOptions): Promise<RunResult>;
  version(project: ProjectInfo): Promise<string | null>;
  /**
   * The framework versions this runner is tested against. Outside the range, discovery and
   * run report one runner-level `AQE_RUNNER_VERSION_UNSUPPORTED` error (and `aqe doctor`
   * fails) instead of calling the runner.
   */
  supports?: { package: string; range: string };
  /**
   * Another runner whose test files this one can run too (Bun runs Jest suites). `aqe run --runner <this id>`
   * on a project where this runner finds no files of its own runs that runner's files here; with `always`,
   * every run that would use that runner does (unless it is asked for by id). `run` then gets that runner's
   * detection. A file that does not load here is re-run by that runner in the same run (see RunResult.notices,
   * TestFileResult.fallbackFrom) and sent straight there on later runs until its content changes.
   */
  accelerates?: { runner: string; always?: boolean };
  /** Why this runner cannot run in the project at `root` (e.g. its binary is absent), or undefined when it can. */
  unavailable?(root: string): Promise<string | undefined>;
}

export interface CacheEntry {
  value: Uint8Array;
  /** Milliseconds since epoch after which the entry is stale. */
  expiresAt?: number;
}

export interface CacheBackendStats {
  entries?: number;
  hits: number;
  misses: number;
  writes: number;
  errors: number;
}

export interface CacheBackendCapability extends Capability {
  /** Read order: lower first (local LMDB 0, Redis 10, S3 20). Reads back-fill the tiers before the hit. */
  order: number;
  /** A shared tier over the network: writes are asynchronous and it sits behind a circuit breaker. */
  remote: boolean;
  get(key: string): Promise<CacheEntry | undefined>;
  put(key: string, value: Uint8Array, options?: { ttlMs?: number }): Promise<void>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  stats(): Promise<CacheBackendStats>;
  /** Removes expired entries (`aqe cache prune`); returns how many. Tiers with native expiry (Redis TTL) may omit it. */
  prune?(): Promise<number>;
  /** Removes every entry under this backend's prefix (`aqe cache clear`); returns how many. */
  clear?(): Promise<number>;
}

/**
 * The report kinds a formatter may be handed, by kind. A plugin that produces a report of its
 * own adds its kind here by declaration merging, namespaced (`'coverage:gaps'`):
 *   declare module '@aqe/kernel' { interface FormatterInputs { 'coverage:gaps': GapReport } }
 * and formatters that render it list it in `kinds`.
 */
export interface FormatterInputs {
  run: RunResult;
  plugins: PluginReport[];
  doctor: DoctorReport;
  config: Record<string, unknown>;
  discover: DiscoverReport;
  flaky: FlakyReport;
  cache: CacheCommandReport;
}

/** What a command hands a formatter; formatters render what they understand. */
export type FormatterInput = { [K in keyof FormatterInputs]: { kind: K; data: FormatterInputs[K] } }[keyof FormatterInputs];

export interface DiscoverReport {
  /**
   * One entry per runner and project. `project` is the workspace package's directory (absent for
   * the repository root); `files` and `configFiles` are relative to the repository root either way.
   */
  runners: { runner: string; project?: string; files: string[]; configFiles: string[]; cached: boolean; error?: { code: string; message: string } }[];
  total: number;
}

export interface FormatterOptions {
  /** Colour and live progress are allowed (a TTY, not CI). */
  interactive: boolean;
  /** Absolute project root: paths in the input are relative to it (code frames read sources from it). */
  cwd: string;
  /** Include timings (durations) in output that is otherwise deterministic (`--timing`). */
  timing?: boolean;
}

/** Live feedback while tests run; the CLI drives it for the selected formatter, to stderr. */
export interface ProgressReporter {
  runStart(files: number): void;
  fileStart(file: string): void;
  fileResult(result: TestFileResult): void;
  /** Clears the live display before the final output is written. */
  runEnd(): void;
}

export interface FormatterCapability extends Capability {
  /** The input kinds this formatter can render. */
  kinds: readonly FormatterInput['kind'][];
  render(input: FormatterInput, options: FormatterOptions): string;
  /** Optional live progress during `aqe run`, written to `stream` (stderr). */
  progress?(options: FormatterOptions, stream: NodeJS.WritableStream): ProgressReporter;
}

export interface AgentCapability extends Capability {
  /** URL or absolute path of the module a worker loads once to run this agent. */
  module: string;
  version: string;
}

export interface McpToolResult {
  structuredContent: Record<string, unknown>;
  text?: string;
}

export interface McpToolCapability extends Capability {
  description: string;
  /** A JSON schema (draft 2020-12) for the tool's input object. */
  inputSchema: Record<string, unknown>;
  /** Agents the tool runs (`kernel.agents.run`); `aqe mcp` leaves the tool out while any of them is not registered. */
  agents?: readonly string[];
  /** `input` has been validated against `inputSchema`. */
  handler(input: Record<string, unknown>, context: McpToolContext): Promise<McpToolResult>;
}

export interface McpToolContext {
  /** Aborted when the client cancels the call or the server shuts down. */
  signal: AbortSignal;
  /** Reports progress to the client (a no-op when it asked for none). */
  progress(done: number, total?: number, message?: string): void;
  /** The kernel serving the tool: discover, run, registry, agents. */
  kernel: Kernel;
}

export interface CapabilityKinds {
  runners: RunnerCapability;
  cacheBackends: CacheBackendCapability;
  formatters: FormatterCapability;
  agents: AgentCapability;
  mcpTools: McpToolCapability;
}

export type CapabilityKind = keyof CapabilityKinds;

// Reports are declared here (not in kernel.ts) because formatters render them.
export type PluginStatus = 'active' | 'invalid' | 'failed';
export type PluginSourceKind = 'builtin' | 'config' | 'installed' | 'oclif' | 'inline';

export interface PluginProblem {
  code: string;
  field: string;
  message: string;
  fix: string;
}

export interface PluginReport {
  name: string;
  version: string;
  source: PluginSourceKind;
  /** Package name or path the plugin was loaded from, relative where possible. */
  from: string;
  status: PluginStatus;
  capabilities: { kind: CapabilityKind; id: string }[];
  problems: PluginProblem[];
}

export interface FrameworkDetection extends RunnerDetection {
  project?: string;
  problem?: { code: string; message: string };
}

export interface DoctorReport {
  node: { version: string; ok: boolean; required: string };
  store: { path: string; ok: boolean; recovered?: string; drops: number };
  plugins: PluginReport[];
  /** Per runner and project (`project`: the workspace package's directory); `problem` when the installed version is outside the runner's `supports`. */
  frameworks: FrameworkDetection[];
  ok: boolean;
}
