import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { settleThreads, threadHeadStart } from './thread-head-start.js';

const dir = mkdtempSync(join(tmpdir(), 'aqe-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The built helper: a worker thread cannot load TypeScript on Node 20 (npm test builds first).
const helper = new URL('../../dist/util/thread-head-start.js', import.meta.url).href;

/** A worker entry that answers through threadEntry (or, `leaves: false`, ignores aqe's requests), then runs `body`. */
function entry(name: string, body: string, { leaves = true } = {}): URL {
  const file = join(dir, `${name}.mjs`);
  const prelude = leaves ? `import { threadEntry } from ${JSON.stringify(helper)};\nconst { answer } = threadEntry();\n` : '';
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\n${prelude}${body}\n`);
  return pathToFileURL(file);
}

const start = (url: URL, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) => threadHeadStart<unknown>(url, { root: '/some/project', timeoutMs: extra.timeoutMs ?? 30_000, ...(extra.signal ? { signal: extra.signal } : {}) });

describe('threadHeadStart', () => {
  it('answers with the one message the thread posts before it leaves, handles left open or not', async () => {
    const started = start(entry('answers', "console.log('noise on stdout');\nsetInterval(() => {}, 1000);\nanswer({ root: workerData.root, cwd: process.cwd() });"));
    const write = vi.spyOn(process.stdout, 'write');
    // threadEntry makes process.cwd() answer the project root, as in the framework's own process.
    await expect(started.result).resolves.toEqual({ root: '/some/project', cwd: '/some/project' });
    // What the thread printed is not aqe's output.
    expect(write.mock.calls.flat().join('')).not.toContain('noise on stdout');
    write.mockRestore();
  });

  it.each([
    ['throws', "throw new Error('config exploded');", /config exploded/],
    ['exits', "process.stderr.write('about to leave\\n');\nprocess.exit(3);", /about to leave/],
    ['exits silently', 'process.exit(4);', /its thread exited with code 4/],
    ['awaits forever', 'await new Promise(() => {});', /never settles/],
  ])('rejects with why when the thread %s without answering', async (name, body, reason) => {
    await expect(start(entry(name.replace(' ', '-'), body)).result).rejects.toThrow(reason);
  });

  it('settleThreads asks every running thread to leave and waits for it; one that ignores the request is terminated', async () => {
    const polite = start(entry('polite', 'setInterval(() => {}, 1000);'));
    const busy = start(entry('busy', 'parentPort.postMessage("started");\nwhile (true) {}', { leaves: false }));
    polite.result.catch(() => {});
    busy.result.catch(() => {});
    await settleThreads();
    await expect(polite.result).rejects.toThrow(/exited with code 0/);
    await expect(busy.result).resolves.toBe('started');
  });

  it('stops a thread that takes longer than its time, saying so', async () => {
    await expect(start(entry('slow', 'setInterval(() => {}, 1000);'), { timeoutMs: 200 }).result).rejects.toThrow(/did not finish within 0.2s/);
  });

  it('stops the thread when the signal aborts, rejecting with the reason', async () => {
    const controller = new AbortController();
    const started = start(entry('aborted', 'setInterval(() => {}, 1000);'), { signal: controller.signal });
    controller.abort(new Error('user pressed Ctrl-C'));
    await expect(started.result).rejects.toThrow('user pressed Ctrl-C');
  });
});
