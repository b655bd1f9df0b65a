/**
 * Child-process entry of `run` (launched by run.ts with cwd = project root): runs the given
 * test files with the project's own Vitest 1–4, as `vitest run` does (vitest-api.ts), and
 * streams protocol messages (protocol.ts) as JSON lines on fd 3 through the reporter of that
 * major (reporter/).
 *
 * Usage: node run-child.js <absolute path of vitest/node>, the RunRequest as JSON on stdin.
 */
import { Socket } from 'node:net';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseFrameworkArgs, parseScriptArgs, type VitestNodeArgs } from './framework-args.js';
import { type ChildMessage, EVENTS_FD, type RunRequest } from './protocol.js';
import { ModuleReporter } from './reporter/module-reporter.js';
import type { VitestLike } from './reporter/reporter-options.js';
import { TaskReporter } from './reporter/task-reporter.js';
import { vitestApi } from './vitest-api.js';

type Vitest = VitestLike & Parameters<typeof vitestApi>[0] & { close(): Promise<void> };

interface VitestNode extends VitestNodeArgs {
  createVitest(mode: 'test', options: Record<string, unknown>): Promise<Vitest>;
}

/** After the run, closing Vitest (pools, Vite, plugins) gets this long before the process just exits. */
const CLOSE_TIMEOUT_MS = 10_000;

const out = new Socket({ fd: EVENTS_FD, readable: true, writable: true });
let finishing = false;
// aqe never writes to fd 3, so its end closing means aqe is gone (exited, killed, Ctrl-C):
// nobody is listening, so Vitest and whatever it started (the process group) stop too.
out.on('end', () => {
  if (!finishing) stopEverything();
});
out.on('error', () => stopEverything());
out.resume();
const send = (message: ChildMessage) => void out.write(`${JSON.stringify(message)}\n`);

async function readRequest(): Promise<RunRequest> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return JSON.parse(text) as RunRequest;
}

async function run(entry: string, request: RunRequest): Promise<void> {
  const node = (await import(pathToFileURL(entry).href)) as VitestNode;
  let vitest: Vitest | undefined;
  const options = {
    // Created below, before any test runs: reporters only call it from run events.
    vitest: {
      get state() {
        return vitest?.state;
      },
      get isCancelling() {
        return vitest?.isCancelling;
      },
      cancelCurrentRun: (reason: string) => vitest!.cancelCurrentRun(reason),
    },
    send,
    bail: request.bail ?? 0,
    output: request.output,
  };
  // Vitest 3 brought reporters of test modules and cases; before, reporters heard of tasks.
  const reporter = request.vitestMajor >= 3 ? new ModuleReporter(options) : new TaskReporter(options);
  // What `vitest run` sets up before loading the config (prepareVitest).
  process.env.TEST = 'true';
  process.env.VITEST = 'true';
  process.env.NODE_ENV ??= 'test';
  vitest = await node.createVitest('test', {
    // What `npm test` gives vitest (its config), then aqe's own options, then the user's words after `--`, as on a command line.
    ...parseScriptArgs(node, entry, request.scriptArgs ?? []),
    ...(request.testNamePattern === undefined ? {} : { testNamePattern: request.testNamePattern }),
    ...(request.retry === undefined ? {} : { retry: request.retry }),
    ...parseFrameworkArgs(node, entry, request.frameworkArgs ?? []),
    run: true,
    watch: false,
    reporters: [reporter],
    includeTaskLocation: true,
  });
  try {
    // `vitest run` without its substring filters: exactly the requested files run.
    const api = vitestApi(vitest, request.vitestMajor);
    await api.initCoverage();
    const wanted = new Map<string, string>();
    for (const file of request.files) {
      wanted.set(file, file);
      wanted.set(realpath(file), file);
    }
    const matched = new Set<string>();
    const specs = (await api.glob(request.files)).filter((spec) => {
      const file = wanted.get(spec.file);
      if (file !== undefined) matched.add(file);
      return file !== undefined;
    });
    send({
      type: 'plan',
      modules: specs.map((spec) => ({ file: spec.file, project: spec.project })),
      unmatched: request.files.filter((file) => !matched.has(file)),
    });
    if (specs.length === 0) {
      send({ type: 'end', reason: 'passed', unhandled: [] });
      return;
    }
    await api.run(specs);
  } finally {
    await Promise.race([vitest.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
  }
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function fatal(error: unknown): void {
  const e = error instanceof Error ? error : new Error(String(error));
  send({ type: 'fatal', error: { message: e.message, name: e.name, ...(e.stack ? { stack: e.stack } : {}) } });
}

try {
  await run(process.argv[2]!, await readRequest());
} catch (error) {
  fatal(error);
}
// Tests and plugins may leave handles open; everything is sent once the socket has flushed.
finishing = true;
out.end(() => process.exit(0));

function stopEverything(): void {
  try {
    // run.ts spawns this process as the leader of its own group.
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.exit(1);
  }
}
