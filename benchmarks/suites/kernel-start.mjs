// kernel.start.plugins-N: createKernel with N trivial inline plugins, then dispose —
// what every CLI command and every embedding program pays before doing any work.
// The store already exists after the first iteration, as it does on a developer's
// machine from the second command on.
import { importKernel } from '../lib/load.mjs';

// Starting 100 plugins costs milliseconds; a handful of iterations past the 200 ms budget is plenty.
export const benchOptions = { iterations: 5 };

const COUNTS = [1, 20, 100];

function trivialPlugins(definePlugin, count) {
  return Array.from({ length: count }, (_, i) => ({
    source: 'inline',
    plugin: definePlugin({
      name: `bench-plugin-${i}`,
      version: '1.0.0',
      apiVersion: '^1',
      setup(ctx) {
        ctx.on('kernel:ready', () => {});
      },
    }),
  }));
}

export default async function kernelStart({ bench, tempDir }) {
  const { createKernel, definePlugin } = await importKernel(['createKernel', 'definePlugin']);
  for (const count of COUNTS) {
    const options = { cwd: tempDir(`start-${count}`), storeDir: tempDir(`start-${count}-store`), plugins: trivialPlugins(definePlugin, count) };

    // Rejected plugins would be cheaper than started ones: make sure all of them start.
    const kernel = await createKernel(options);
    const active = kernel.plugins().filter((p) => p.status === 'active' && p.name.startsWith('bench-plugin-'));
    await kernel.dispose();
    if (active.length !== count) throw new Error(`expected ${count} active bench plugins, got ${active.length}`);

    bench.add(`kernel.start.plugins-${count}`, async () => {
      const k = await createKernel(options);
      await k.dispose();
    });
  }
}
