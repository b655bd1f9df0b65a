import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// A fresh process is the only honest place to count handles: the test runner holds its own.
describe('kernel.dispose()', () => {
  it('leaves no handle open: the process exits by itself, holding only stdio', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aqe-dispose-'));
    try {
      const script = join(dir, 'probe.mjs');
      writeFileSync(
        script,
        `import { createKernel, definePlugin } from ${JSON.stringify(dist)};
const before = process.getActiveResourcesInfo().sort();
const timer = definePlugin({ name: 'timer', version: '1.0.0', apiVersion: '^1', setup(ctx) {
  const t = setInterval(() => {}, 1000);
  ctx.onDispose(() => clearInterval(t));
  ctx.on('kernel:ready', () => {});
} });
const kernel = await createKernel({ cwd: ${JSON.stringify(dir)}, plugins: [{ plugin: timer }] });
await kernel.store.db('meta').put('probe', { ok: true });
await kernel.dispose();
await new Promise((r) => setImmediate(r));
const after = process.getActiveResourcesInfo().sort();
console.log(JSON.stringify({ before, after }));
`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: dir, timeout: 30_000 });
      const { before, after } = JSON.parse(stdout) as { before: string[]; after: string[] };
      // stdio pipes and in-flight fs requests come and go with console.log; anything else (a Timeout,
      // an FSWatcher, a MessagePort, a Worker) would be a handle the kernel forgot.
      const transient = new Set(['PipeWrap', 'TTYWrap', 'CloseReq', 'FSReqCallback', 'FSReqPromise']);
      expect(after.filter((r) => !transient.has(r))).toEqual([]);
      expect(before.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
