import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AqeError, ErrorCodes, HeadStarts, type StartedProcess } from '@aqe/kernel';
import type { ConfigResult, ResolvedProject } from './resolved-config.js';

const CHILD = fileURLToPath(new URL('./resolve-config-child.js', import.meta.url));
/** A config that needs longer than this to load is treated as hanging (a plugin starting a server, say). */
const TIMEOUT_MS = 60_000;
/** Enough of a crashed child's stderr to explain it. */
const STDERR_TAIL = 2_000;

export interface LoadedConfig {
  projects: ResolvedProject[];
  dependencies: string[];
}

/**
 * Resolves the project's Vitest config in a child process (resolve-config-child.ts) with the
 * project's installed Vitest. `label` names the config file in errors.
 */
export async function loadVitestConfig(root: string, label: string, signal?: AbortSignal): Promise<LoadedConfig> {
  const outcome = await (headStarts.take(root, signal) ?? runChild(root, signal).result);
  if ('failure' in outcome) throw configError(label, outcome.failure, root);
  if (!outcome.result.ok) throw configError(label, outcome.result.message, root, outcome.result.fix);
  return { projects: outcome.result.projects, dependencies: outcome.result.dependencies };
}

function configError(label: string, reason: string, root: string, fix?: string): AqeError {
  return new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load ${label}: ${summarize(reason)}`, fix ?? `Fix ${label} so that \`vitest list --filesOnly\` works in ${root}`);
}

type ChildOutcome = { result: ConfigResult } | { failure: string };

/** Config processes started ahead of discover (see prepareVitestConfig), by project root. */
const headStarts = new HeadStarts<ChildOutcome>();

/** Starts resolving the config now, so the process runs while the kernel walks the tree. */
export function prepareVitestConfig(root: string): void {
  headStarts.start(root, () => runChild(root));
}

function runChild(root: string, signal?: AbortSignal): StartedProcess<ChildOutcome> {
  let child!: ChildProcess;
  const result = new Promise<ChildOutcome>((resolvePromise, reject) => {
    // fd 3 carries the answer, so whatever Vite or a config prints cannot corrupt it.
    child = spawn(process.execPath, [CHILD], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: TIMEOUT_MS,
      ...(signal ? { signal } : {}),
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    // Spawn failures and aborts (ctx.signal) surface as they are.
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      const text = Buffer.concat(out).toString();
      try {
        if (text) return resolvePromise({ result: JSON.parse(text) as ConfigResult });
      } catch {
        // A cut-off answer: report how the process ended instead.
      }
      const how = killedBy ? `was killed by ${killedBy} (time limit ${TIMEOUT_MS / 1000}s)` : `exited with code ${code}`;
      resolvePromise({ failure: `the Vitest config process ${how}${stderr.trim() ? `: ${stderr.trim()}` : ''}` });
    });
  });
  return { child, result };
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const MAX_LINES = 6;
const MAX_LINE = 300;

/** Bundler errors come coloured and with whole code frames; the first lines say what failed. */
function summarize(reason: string): string {
  const lines = reason.replace(ANSI, '').trim().split('\n');
  const kept = lines.slice(0, MAX_LINES).map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line));
  return lines.length > MAX_LINES ? `${kept.join('\n')}\n…` : kept.join('\n');
}
