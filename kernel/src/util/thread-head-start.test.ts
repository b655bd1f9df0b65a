import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { threadHeadStart } from './thread-head-start.js';

const dir = mkdtempSync(join(tmpdir(), 'aqe-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker entry with `body` after a `post(value)` helper. */
function entry(name: string, body: string): URL {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\nconst post = (v) => parentPort.postMessage(v);\n${body}\n`);
  return pathToFileURL(file);
}

const start = (url: URL, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) => threadHeadStart<unknown>(url, { root: '/some/project', timeoutMs: extra.timeoutMs ?? 30_000, ...(extra.signal ? { signal: extra.signal } : {}) });

describe('threadHeadStart', () => {
  it('answers with the one message the thread posts, and stops it even if it leaves a handle open', async () => {
    const started = start(entry('answers', "console.log('noise on stdout');\npost({ root: workerData.root, cwd: process.cwd() });\nsetInterval(() => {}, 1000);"));
    const write = vi.spyOn(process.stdout, 'write');
    await expect(started.result).resolves.toEqual({ root: '/some/project', cwd: process.cwd() });
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
