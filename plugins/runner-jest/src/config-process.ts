import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HeadStarts, type StartedProcess } from '@aqe/kernel/head-start';
import type { ConfigChildMessage } from './protocol.js';

// Kernel-free but for the head-start entry: the CLI loads this (through prepare.ts) before the kernel.
const CHILD = fileURLToPath(new URL('./config-child.js', import.meta.url));
/** A config that never settles (a hung await) must not hang discovery. */
const TIMEOUT_MS = 60_000;

/** Config processes started ahead of discover (see prepareJestConfig), by project root. */
export const headStarts = new HeadStarts<ConfigChildMessage>('jest-config');

/** Starts resolving the config now, so the process runs while the kernel walks the tree. */
export function prepareJestConfig(root: string): void {
  headStarts.start(root, () => runChild(root));
}

export function runChild(root: string, signal?: AbortSignal): StartedProcess<ConfigChildMessage> {
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

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' ').trim();
}
