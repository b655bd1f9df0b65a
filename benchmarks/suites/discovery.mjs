// Discovery on a generated repository of 10,000 source + 2,000 test files (see
// benchmarks/generate-repo.mjs), against the frameworks' own listings in the same run:
//   discover.kernel.warm        kernel.discover() in-process, warm (target < 10 ms)
//   discover.{jest,vitest}.warm whole `aqe discover --runner <fw>` process, warm
//   discover.{jest,vitest}.cold the same with --no-cache (cold walk, configs reloaded)
//   discover.{jest,vitest}.peer `jest --listTests` / `vitest list --filesOnly`
//   discover.<fw>.{warm,cold}.share  aqe ÷ framework (target warm ≤ 0.33, cold ≤ 0.5)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateRepo, TEST_FILES } from '../generate-repo.mjs';
import { importKernel, MissingBuildError } from '../lib/load.mjs';
import { fromSamples, metric } from '../lib/metric.mjs';
import { cliBin, root } from '../lib/paths.mjs';
import { median } from '../lib/stats.mjs';
import { runOnce, timeSpawns } from '../lib/spawn-timer.mjs';

// Each round spawns six processes of 0.2–1 s: a few rounds keep the whole bench under 60 s;
// AQE_BENCH_DISCOVERY_ROUNDS asks for more when a steadier ratio is worth the minutes.
const ITERATIONS = Number(process.env.AQE_BENCH_DISCOVERY_ROUNDS ?? 5);
export const benchOptions = { iterations: 20, time: 300 };

export default async function discovery({ bench, tempDir, onTeardown }) {
  if (!existsSync(cliBin)) throw new MissingBuildError('@aqe/cli', cliBin);
  const repo = generateRepo(join(tempDir('discovery'), 'repo'));
  const bin = (name) => join(root, 'node_modules/.bin', name);
  const aqe = (runner, extra = []) => ({ command: process.execPath, args: [cliBin, 'discover', '--runner', runner, '--format', 'json', ...extra], cwd: repo });
  const commands = [
    { name: 'discover.jest.warm', ...aqe('jest') },
    { name: 'discover.jest.cold', ...aqe('jest', ['--no-cache']) },
    { name: 'discover.jest.peer', command: bin('jest'), args: ['--listTests'], cwd: repo },
    { name: 'discover.vitest.warm', ...aqe('vitest') },
    { name: 'discover.vitest.cold', ...aqe('vitest', ['--no-cache']) },
    { name: 'discover.vitest.peer', command: bin('vitest'), args: ['list', '--filesOnly'], cwd: repo },
  ];
  // A discovery that found nothing would be very fast: check every side lists all the tests.
  for (const c of commands) {
    const { stdout } = runOnce(c);
    const count = c.name.endsWith('.peer') ? stdout.split('\n').filter((l) => /\.(test|spec)\.ts$/.test(l.trim())).length : JSON.parse(stdout).data.total;
    if (count !== TEST_FILES) throw new Error(`${c.name} listed ${count} test files, expected ${TEST_FILES}`);
  }
  const samples = timeSpawns(commands, { iterations: ITERATIONS, warmup: 0 });
  const metrics = Object.fromEntries(commands.map((c) => [c.name, fromSamples(samples[c.name])]));
  for (const fw of ['jest', 'vitest']) {
    for (const mode of ['warm', 'cold']) {
      metrics[`discover.${fw}.${mode}.share`] = metric(median(samples[`discover.${fw}.${mode}`]) / median(samples[`discover.${fw}.peer`]), 'x', ITERATIONS);
    }
  }

  const { createKernel } = await importKernel(['createKernel']);
  const plugins = await Promise.all(['runner-jest', 'runner-vitest'].map(async (p) => ({ plugin: (await import(pathToFileURL(join(root, 'plugins', p, 'dist/index.js')).href)).default })));
  const kernel = await createKernel({ cwd: repo, plugins });
  onTeardown(() => kernel.dispose());
  const first = await kernel.discover();
  if (first.total !== 2 * TEST_FILES) throw new Error(`kernel.discover listed ${first.total}, expected ${2 * TEST_FILES}`);
  await kernel.store.flushed();
  bench.add('discover.kernel.warm', async () => {
    const r = await kernel.discover();
    if (!r.runners.every((x) => x.cached)) throw new Error('warm discovery missed its cache');
  });
  return metrics;
}
