import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type HeadStart, HeadStarts } from './head-start.js';

/** A child process as a head start: the registry's rules do not depend on what the work runs in. */
function processHeadStart<T>(child: ChildProcess, result: Promise<T>): HeadStart<T> {
  return {
    result,
    ref: (on) => {
      for (const handle of [child, child.stdout]) (on ? handle?.ref : handle?.unref)?.call(handle);
    },
    stop: () => child.kill(),
  };
}

function node(code: string): HeadStart<string> {
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return processHeadStart(child, new Promise((resolve) => child.on('close', () => resolve(out))));
}

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('HeadStarts', () => {
  it('hands a started process to the first take only', async () => {
    const starts = new HeadStarts<string>(`test-${Math.random()}`);
    const started: string[] = [];
    const launch = (word: string) => () => {
      started.push(word);
      return node(`process.stdout.write(${JSON.stringify(word)})`);
    };
    starts.start('root', launch('config'));
    starts.start('root', launch('again'));
    expect(started).toEqual(['config']);
    await expect(starts.take('root')).resolves.toBe('config');
    expect(starts.take('root')).toBeUndefined();
  });

  it("hands a process to another copy of this module (the CLI's prepare entry and a bundled runner)", async () => {
    const copy = (await import(new URL('../../dist/util/head-start.js', import.meta.url).href)) as typeof import('./head-start.js');
    new copy.HeadStarts<string>('shared-test').start('root', () => node('process.stdout.write("from the other copy")'));
    await expect(new HeadStarts<string>('shared-test').take('root')).resolves.toBe('from the other copy');
    expect(new HeadStarts<string>('other-kind').take('root')).toBeUndefined();
  });

  it('kills the process when the taker aborts', async () => {
    const starts = new HeadStarts<string>(`test-${Math.random()}`);
    starts.start('root', () => node('setInterval(() => {}, 1000)'));
    const controller = new AbortController();
    const answer = starts.take('root', controller.signal)!;
    controller.abort();
    await expect(answer).resolves.toBe('');
  });

  it('neither keeps aqe alive nor outlives it when discover never takes the process', async () => {
    // The built module: a plain node process cannot load TypeScript on Node 20 (npm test builds first).
    const module = new URL('../../dist/util/head-start.js', import.meta.url).href;
    const script = `
      const { HeadStarts } = await import(${JSON.stringify(module)});
      const { spawn } = await import('node:child_process');
      const starts = new HeadStarts('test');
      starts.start('root', () => {
        const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        process.stdout.write(String(child.pid));
        return { result: new Promise(() => {}), ref: (on) => (on ? child.ref() : child.unref()), stop: () => child.kill() };
      });`;
    // Exits by itself (a referenced child would keep it running forever); the test timeout catches that.
    const pid = Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)), encoding: 'utf8' }));
    expect(pid).toBeGreaterThan(0);
    // Killed as aqe exits; it may take a moment to go (the test timeout bounds the wait).
    await expect.poll(() => gone(pid), { interval: 20, timeout: 30_000 }).toBe(true);
  });
});
