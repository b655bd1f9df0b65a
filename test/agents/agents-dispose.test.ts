import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const echo = fileURLToPath(new URL('../fixtures/agents/echo.mjs', import.meta.url));
const hangs = fileURLToPath(new URL('../fixtures/agents/hangs.mjs', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

// A fresh process is the only honest place to count threads and handles: the test runner holds its own.
describe('kernel.dispose() with an agent pool', () => {
  it('stops every worker thread, even one busy with a task, and leaves no handle open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aqe-agents-dispose-'));
    try {
      const script = join(dir, 'probe.mjs');
      writeFileSync(
        script,
        `import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
const { createKernel, definePlugin } = await import(require.resolve('@aqe/kernel'));
const { createAgentPool } = await import(require.resolve('@aqe/workers'));
const plugin = definePlugin({ name: 'agents', version: '1.0.0', apiVersion: '^1', setup(ctx) {
  ctx.agents.add({ id: 'echo', module: ${JSON.stringify(echo)}, version: '1.0.0' });
  ctx.agents.add({ id: 'hangs', module: ${JSON.stringify(hangs)}, version: '1.0.0' });
} });
let pool;
const kernel = await createKernel({ cwd: ${JSON.stringify(dir)}, config: { agents: { minThreads: 2, maxThreads: 3 } }, plugins: [{ plugin }], agentPool: (init) => (pool = createAgentPool(init)), prewarmAgents: true });
await kernel.agents.run('echo', 1, { onProgress() {} });
const pending = kernel.agents.run('hangs', 1).catch((e) => e.code);
const during = pool.threads;
await kernel.dispose();
const code = await pending;
await new Promise((r) => setImmediate(r));
const after = process.getActiveResourcesInfo().sort();
console.log(JSON.stringify({ during, code, after, threads: pool.threads }));
`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: dir, timeout: 30_000 });
      const { during, code, after, threads } = JSON.parse(stdout) as { during: number; code: string; after: string[]; threads: number };
      expect(during).toBeGreaterThanOrEqual(2);
      expect(code).toBe('AQE_AGENT_ABORTED');
      expect(threads).toBe(0);
      const transient = new Set(['PipeWrap', 'TTYWrap', 'CloseReq', 'FSReqCallback', 'FSReqPromise']);
      expect(after.filter((r) => !transient.has(r))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
