import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { WireEvent } from './protocol.js';

export interface NodeTestLaunch {
  cwd: string;
  /** Node options from the project's `node --test` script (loaders, timeouts…), already filtered. */
  nodeOptions: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Absolute paths. */
  files: readonly string[];
  /** Each a --test-name-pattern; Node runs a test when any matches. */
  patterns: readonly string[];
}

export interface NodeTestExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The tail of what the `node --test` process itself printed to stderr. */
  stderr: string;
  /** The spawn itself failed. */
  spawnError?: Error;
}

export interface NodeTestProcess {
  exited: Promise<NodeTestExit>;
  /** Kills `node --test` and the test files' processes (its process group). */
  kill(): void;
}

const REPORTER = new URL('./reporter.js?fd=3', import.meta.url).href;
const STDERR_TAIL = 8192;

/**
 * Starts `node --test` with aqe's reporter writing events to fd 3 (a socket only this process
 * holds; the tests' own output reaches Node as test:stdout/stderr events, not us). The process
 * leads its own process group so that killing it also ends the test files' processes.
 */
export function startNodeTest(launch: NodeTestLaunch, onEvent: (event: WireEvent) => void): NodeTestProcess {
  const args = [
    ...launch.nodeOptions,
    '--test',
    `--test-reporter=${REPORTER}`,
    '--test-reporter-destination=stdout',
    ...launch.patterns.map((pattern) => `--test-name-pattern=${pattern}`),
    ...launch.files,
  ];
  const detached = process.platform !== 'win32';
  const child = spawn(process.execPath, args, { cwd: launch.cwd, env: launch.env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'], detached });
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      if (detached) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  // An aqe that exits while tests run does not leave them behind.
  process.once('exit', kill);
  readLines(child.stdio[3] as Readable, (line) => {
    let event: WireEvent;
    try {
      event = JSON.parse(line) as WireEvent;
    } catch {
      return;
    }
    onEvent(event);
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  const exited = new Promise<NodeTestExit>((done) => {
    child.once('error', (spawnError) => {
      if (child.pid === undefined) {
        process.removeListener('exit', kill);
        done({ code: null, signal: null, stderr, spawnError });
      }
    });
    child.once('close', (code, signal) => {
      process.removeListener('exit', kill);
      done({ code, signal, stderr });
    });
  });
  return { exited, kill };
}

function readLines(stream: Readable, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line) onLine(line);
  });
  stream.on('end', () => {
    if (rest) onLine(rest);
    rest = '';
  });
}
