import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ListReply, ListRequest } from './protocol.js';

/** Partner: config-process-entry.ts. Compiled beside this file in dist/. */
const ENTRY = fileURLToPath(new URL('./config-process-entry.js', import.meta.url));

/** Loading a config runs user code; one that never settles must not hang discovery. */
const TIMEOUT_MS = 60_000;
/** The end of the child's stderr is kept for the error when it dies without answering. */
const STDERR_TAIL = 4_000;

/**
 * Runs one child `node` per Playwright install: the framework loads in its own process,
 * at the project's version, with its module hooks and global state kept out of aqe's.
 * It costs one process start plus Playwright's bundles (about 1 s cold), whatever the
 * number of configs it is handed.
 */
export function listInChild(request: ListRequest, signal?: AbortSignal): Promise<ListReply> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      cwd: request.root,
      // Not the parent's flags (a test runner's loaders, --inspect, ...): Playwright installs its own hooks.
      execArgv: [],
      // The request goes in on stdin; configs may print, so only the IPC channel carries the answer.
      stdio: ['pipe', 'ignore', 'pipe', 'ipc'],
      timeout: TIMEOUT_MS,
      ...(signal ? { signal } : {}),
    });
    let stderr = '';
    let reply: ListReply | undefined;
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.once('message', (message) => {
      reply = message as ListReply;
    });
    child.once('error', reject);
    child.once('close', (code, exitSignal) => {
      if (reply) return resolve(reply);
      const how = exitSignal === 'SIGTERM' && !signal?.aborted ? `did not finish within ${TIMEOUT_MS / 1000} s` : `exited (${exitSignal ?? `code ${code}`}) without an answer`;
      resolve({ ok: false, message: `the config process ${how}${stderr.trim() ? `: ${stderr.trim()}` : ''}` });
    });
    // A child that dies before reading it closes the pipe; 'close' reports why.
    child.stdin!.on('error', () => {});
    child.stdin!.end(JSON.stringify(request));
  });
}
