import { fileURLToPath } from 'node:url';
import { frameworkEnv, jsonLines, launchFramework } from '@aqe/kernel/runner-kit';
import type { ListReply, ListRequest } from './protocol.js';

/** Partner: config-process-entry.ts. Compiled beside this file in dist/. */
const ENTRY = fileURLToPath(new URL('./config-process-entry.js', import.meta.url));
/** Loading a config runs user code; one that never settles must not hang discovery. */
const TIMEOUT_MS = 60_000;
/** The reply's descriptor in the child. */
const REPLY_FD = 3;

/**
 * Runs one child `node` per Playwright install: the framework loads in its own process,
 * at the project's version, with its module hooks, global state and `process.chdir` to each
 * config's directory kept out of aqe's. It costs one process start plus Playwright's
 * bundles (about 1 s cold), whatever the number of configs it is handed. (A worker thread
 * measured the same within noise: it saves only the ~50 ms of a process start, and a thread
 * cannot chdir to a config's directory.)
 */
export async function listInChild(request: ListRequest, signal?: AbortSignal): Promise<ListReply> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  let reply: ListReply | undefined;
  const exit = await launchFramework({
    command: process.execPath,
    args: [ENTRY],
    cwd: request.root,
    env: frameworkEnv(request.root, { extra: { FORCE_COLOR: '0' } }),
    input: JSON.stringify(request),
    eventsFd: REPLY_FD,
    onEventLine: jsonLines<ListReply>((message) => {
      reply = message;
    }),
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  }).exited;
  if (reply) return reply;
  const how = timeout.aborted ? `did not finish within ${TIMEOUT_MS / 1000} s` : exit.spawnError ? `could not start (${exit.spawnError.message})` : `exited (${exit.signal ?? `code ${exit.code}`}) without an answer`;
  const stderr = exit.stderr.trim().slice(-4000);
  return { ok: false, message: `the config process ${how}${stderr ? `: ${stderr}` : ''}` };
}
