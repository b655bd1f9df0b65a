import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from '../kernel.js';
import { definePlugin } from '../plugin-host/define-plugin.js';
import { silentLogger, tempProject } from '../test-support/temp-project.js';
import { cacheStats } from './admin.js';
import { type TestBackend, testBackend } from './test-backend.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function kernelWith(backends: TestBackend[]) {
  const project = tempProject({});
  cleanups.push(project.cleanup);
  const plugin = definePlugin({
    name: 'tiers',
    version: '1.0.0',
    apiVersion: '^1',
    setup(ctx) {
      for (const b of backends) ctx.cacheBackends.add(b);
    },
  });
  const kernel = await createKernel({ cwd: project.dir, plugins: [{ plugin }], config: { cache: { timeoutMs: 50 } }, logger: silentLogger });
  cleanups.push(() => kernel.dispose());
  return kernel;
}

describe('cacheStats (aqe cache stats)', () => {
  it('asks each shared tier once, so one that is down or hangs says so instead of showing empty counters', async () => {
    const local = testBackend('local', 0, false);
    const down = testBackend('down', 10, true);
    const stuck = testBackend('stuck', 20, true);
    down.mode = 'fail';
    stuck.mode = 'hang';
    const report = await cacheStats(await kernelWith([local, down, stuck]));
    expect(report.tiers.map((t) => [t.id, t.stats ? 'stats' : t.error])).toEqual([
      ['local', 'stats'],
      ['down', 'down is down'],
      ['stuck', expect.stringMatching(/50 ?ms/)],
    ]);
    expect(local.calls).toEqual([]);
  });
});
