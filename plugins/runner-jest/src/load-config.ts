import { type ChildProcess, fork } from 'node:child_process';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AqeError, ErrorCodes, HeadStarts, type StartedProcess } from '@aqe/kernel';
import type { ConfigChildMessage, JestProjectOptions } from './protocol.js';

const CHILD = fileURLToPath(new URL('./config-child.js', import.meta.url));
/** A config that never settles (a hung await) must not hang discovery. */
const TIMEOUT_MS = 60_000;

export interface LoadedJestConfig {
  projects: JestProjectOptions[];
  /** Local files the resolved config depended on, relative POSIX, sorted. */
  inputs: string[];
}

/**
 * Resolves the project's Jest config (every project of a `projects` config) in a child
 * process running the project's own jest-config. `configFile` names the config in errors
 * when the child cannot tell which one failed.
 */
export async function loadJestConfig(root: string, configFile: string, signal?: AbortSignal): Promise<LoadedJestConfig> {
  let message: ConfigChildMessage;
  try {
    message = await (headStarts.take(root, signal) ?? runChild(root, signal).result);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw configError(configFile, error instanceof Error ? error.message : String(error), error);
  }
  if (!message.ok && message.missing) throw new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load ${configFile}: ${message.message}`, 'Install jest in the project (npm install --save-dev jest)');
  if (!message.ok) throw configError(message.file ? (toRelative(root, message.file) ?? message.file) : configFile, message.message);
  return { projects: message.projects, inputs: localFiles(root, message.loaded) };
}

/** Config processes started ahead of discover (see prepareJestConfig), by project root. */
const headStarts = new HeadStarts<ConfigChildMessage>();

/** Starts resolving the config now, so the process runs while the kernel walks the tree. */
export function prepareJestConfig(root: string): void {
  headStarts.start(root, () => runChild(root));
}

function runChild(root: string, signal?: AbortSignal): StartedProcess<ConfigChildMessage> {
  let child!: ChildProcess;
  const result = new Promise<ConfigChildMessage>((resolve, reject) => {
    // execArgv is set so the child does not inherit aqe's own flags (a test runner's loaders).
    // Without require(esm), Jest imports ES module configs, which the loader hooks can see.
    child = fork(CHILD, [], {
      cwd: root,
      execArgv: ['--no-experimental-require-module'],
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
      timeout: TIMEOUT_MS,
      ...(signal ? { signal } : {}),
    });
    let reply: ConfigChildMessage | undefined;
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk;
    });
    child.on('message', (message) => {
      reply = message as ConfigChildMessage;
    });
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      if (reply) resolve(reply);
      else if (killedBy) reject(new Error(`the config process was stopped (${killedBy}): it did not finish within ${TIMEOUT_MS / 1000}s`));
      // 13: Node's exit code for a top-level await that never settled (the config awaited forever).
      else if (code === 13) reject(new Error('loading it never finished: it awaits a promise that never settles'));
      else reject(new Error(lastLines(stderr) || `the config process exited with code ${code}`));
    });
  });
  return { child, result };
}

function configError(file: string, reason: string, cause?: unknown): AqeError {
  // AqeError appends ". <fix>": drop the reason's own final period.
  const what = `could not load ${file}: ${reason.replace(/\.$/, '')}`;
  return new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, what, `Fix ${file} so that \`jest --listTests\` accepts it`, cause ? { cause } : undefined);
}

/** Files inside the project and outside node_modules: the ones a user edits. */
function localFiles(root: string, loaded: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of loaded) {
    const rel = toRelative(root, file);
    if (rel && !rel.split('/').includes('node_modules')) out.add(rel);
  }
  return [...out].sort();
}

function toRelative(root: string, file: string): string | undefined {
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' ').trim();
}
