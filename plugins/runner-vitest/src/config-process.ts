import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type HeadStart, HeadStarts, processHeadStart } from '@aqe/kernel/head-start';
import type { ConfigResult } from './resolved-config.js';

// Kernel-free but for the head-start entry: the CLI loads this (through prepare.ts) before the kernel.
const CHILD = fileURLToPath(new URL('./resolve-config-child.js', import.meta.url));
/** A config that needs longer than this to load is treated as hanging (a plugin starting a server, say). */
const TIMEOUT_MS = 60_000;
/** Enough of a crashed child's stderr to explain it. */
const STDERR_TAIL = 2_000;

export type ChildOutcome = { result: ConfigResult } | { failure: string };

/** Config processes started ahead of discover (see prepareVitestConfig), by project root. */
export const headStarts = new HeadStarts<ChildOutcome>('vitest-config');

/** Starts resolving the config now, so the process runs while the kernel walks the tree. */
export function prepareVitestConfig(root: string): void {
  headStarts.start(root, () => runChild(root));
}

export function runChild(root: string, signal?: AbortSignal): HeadStart<ChildOutcome> {
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
  return processHeadStart(child, result);
}
