import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { TestError } from '../types/results.js';
import { lazyRequire } from '../util/lazy.js';

const childProcess = lazyRequire<typeof import('node:child_process')>('node:child_process');

export interface FrameworkProcessOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  /** Usually `frameworkEnv(cwd)`: the environment `npm test` would give the framework. */
  env: NodeJS.ProcessEnv;
  /** An extra pipe (fd 3 and up) the framework's reporter writes JSON lines to, not stdout (tests print). */
  eventsFd?: number;
  onEventLine?(line: string): void;
  /** Written to the process's stdin, which is then closed (a run request, say); stdin is ignored otherwise. */
  input?: string;
  /** Aborting stops the whole process group: SIGTERM, then SIGKILL after a grace period. */
  signal?: AbortSignal;
  /** Called once when `signal` aborts, before the group is stopped (events after it are usually ignored). */
  onAbort?(): void;
  /** How much of stderr's end to keep (default 16 KB); a runner that parses stderr keeps more. */
  stderrKeep?: number;
  /** Keep stdout (its end, as much as stderrKeep) in `FrameworkExit.stdout`: for a short command whose answer is printed (`bun --version`). Ignored otherwise. */
  captureStdout?: boolean;
}

export interface FrameworkExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The end of stderr (16 KB unless asked otherwise), for crash reports. */
  stderr: string;
  /** What the process printed, with `captureStdout`. */
  stdout?: string;
  spawnError?: Error;
}

export interface FrameworkProcess {
  /** Resolves once the process has exited and its event pipe is drained (or the drain timed out). */
  exited: Promise<FrameworkExit>;
  /** Stops the whole process group now. */
  kill(signal?: NodeJS.Signals): void;
}

const STDERR_KEEP = 16 * 1024;
const KILL_GRACE_MS = 2000;
// After the framework exits, a process it started may keep the pipes open: stop waiting then.
const DRAIN_MS = 2000;

/**
 * Starts a test framework the way every runner needs it: in its own process group (POSIX),
 * so an abort or aqe exiting takes its workers and browsers down with it; streaming
 * reporter lines from a private fd; keeping the stderr tail for crash reports. When the
 * framework's main process exits, whatever it left running in its group goes too.
 */
export function launchFramework(o: FrameworkProcessOptions): FrameworkProcess {
  const group = process.platform !== 'win32';
  const stdio: ('ignore' | 'pipe')[] = [o.input === undefined ? 'ignore' : 'pipe', o.captureStdout ? 'pipe' : 'ignore', 'pipe'];
  if (o.eventsFd !== undefined) for (let fd = 3; fd <= o.eventsFd; fd++) stdio.push(fd === o.eventsFd ? 'pipe' : 'ignore');
  const child = childProcess().spawn(o.command, [...o.args], { cwd: o.cwd, env: o.env, stdio, detached: group, windowsHide: true });
  const kill = (signal: NodeJS.Signals = 'SIGKILL') => killGroup(child, group, signal);
  const exited = new Promise<FrameworkExit>((resolve) => {
    let stderr = '';
    let stdout = '';
    let spawnError: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const events = o.eventsFd === undefined ? undefined : (child.stdio[o.eventsFd] as Readable);
    if (events && o.onEventLine) readLines(events, o.onEventLine);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-(o.stderrKeep ?? STDERR_KEEP));
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(-(o.stderrKeep ?? STDERR_KEEP));
    });
    if (o.input !== undefined) {
      child.stdin!.on('error', () => {
        // The process died before reading its input: its exit says why.
      });
      child.stdin!.end(o.input);
    }
    const onAbort = () => {
      o.onAbort?.();
      kill('SIGTERM');
      killTimer = setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const onProcessExit = () => kill('SIGKILL');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    process.once('exit', onProcessExit);
    let settled = false;
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      process.removeListener('exit', onProcessExit);
      if (killTimer) clearTimeout(killTimer);
      resolve({ code, signal, stderr, ...(o.captureStdout ? { stdout } : {}), ...(spawnError ? { spawnError } : {}) });
    };
    child.on('error', (error) => {
      spawnError = error;
      // Not started at all: no 'close' follows.
      if (child.pid === undefined) done(null, null);
    });
    child.on('exit', () => {
      // Workers or servers the framework left behind go with it, and with them their copies of the pipes.
      kill('SIGKILL');
      setTimeout(() => {
        events?.destroy();
        child.stdout?.destroy();
        child.stderr!.destroy();
      }, DRAIN_MS).unref();
    });
    child.on('close', done);
  });
  return { exited, kill };
}

/** `launchFramework(o).exited`, for a runner that never needs to stop the process itself. */
export function runFrameworkProcess(o: FrameworkProcessOptions): Promise<FrameworkExit> {
  return launchFramework(o).exited;
}

/**
 * `onEventLine` for a reporter that writes one JSON event per line: each line parsed and
 * handed on; a partial or foreign line (not JSON) is skipped instead of throwing out of the
 * pipe's data handler.
 */
export function jsonLines<Event>(onEvent: (event: Event) => void): (line: string) => void {
  return (line) => {
    let event: Event;
    try {
      event = JSON.parse(line) as Event;
    } catch {
      return;
    }
    onEvent(event);
  };
}

/** "Jest exited with code 1 before reporting this file:" and the stderr tail, for files left without results. */
export function describeCrash(framework: string, exit: FrameworkExit): TestError {
  const how = exit.spawnError ? `${framework} could not be started (${exit.spawnError.message})` : exit.signal ? `${framework} was stopped by ${exit.signal}` : `${framework} exited with code ${exit.code}`;
  const tail = stripVTControlCharacters(exit.stderr).trimEnd().split('\n').slice(-20).join('\n').trim();
  return { message: `${how} before reporting this file${tail ? `:\n${tail}` : ''}`, ...(tail ? { stack: tail } : {}) };
}

function killGroup(child: ChildProcess, group: boolean, signal: NodeJS.Signals): void {
  try {
    if (group && child.pid !== undefined) process.kill(-child.pid, signal);
    else if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  } catch {
    // Nothing of the group is left.
  }
}

function readLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line) onLine(line);
      newline = pending.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
    pending = '';
  });
  stream.on('error', () => {
    // Destroyed after the drain delay, or the process went away: what was read stands.
  });
}
