// agents.*: the agent worker pool (@aqe/workers, on Piscina) against the main thread and
// against Tinypool. Each pool runs the same small failure classification
// (agents/classify-rules.mjs): the agent pool as an agent module (store opened in every
// thread, agent runtime), and bare Piscina and Tinypool with the function as their worker,
// so what the libraries cost shows apart from what the agent runtime adds.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importBuilt, importKernel } from '../lib/load.mjs';
import { fromSamples, metric } from '../lib/metric.mjs';
import { median } from '../lib/stats.mjs';

const workersDist = fileURLToPath(new URL('../../workers/dist/index.js', import.meta.url));
const agentModule = fileURLToPath(new URL('../agents/classify.mjs', import.meta.url));
const bareWorker = fileURLToPath(new URL('../agents/bare-worker.mjs', import.meta.url));
const rulesModule = new URL('../agents/classify-rules.mjs', import.meta.url).href;
const memoryProbe = fileURLToPath(new URL('../agents/memory-probe.mjs', import.meta.url));
const run = promisify(execFile);

const COLD_ROUNDS = 4;
const THROUGHPUT_TASKS = 1000;
const THROUGHPUT_ROUNDS = 3;
/** Extra threads started to measure memory per thread. */
const EXTRA_THREADS = 3;
const MESSAGES = ['expected 3 to be 4 at /src/sum.test.ts:12:5', 'connect ECONNREFUSED 127.0.0.1:5432', 'Snapshot `renders 1` mismatched', 'Test timed out in 5000ms', 'Cannot read properties of undefined (reading 0x1f)'];
const input = (i) => ({ message: MESSAGES[i % MESSAGES.length] });

export default async function agentsSuite({ bench, tempDir, onTeardown }) {
  const [{ openStore }, { createAgentPool }, { default: Tinypool }, { Piscina }, { classify }] = await Promise.all([
    importKernel(['openStore'], 'store-entry'),
    importBuilt('@aqe/workers', workersDist, ['createAgentPool']),
    import('tinypool'),
    import('piscina'),
    import(rulesModule),
  ]);
  const store = await openStore({ path: tempDir('agents-store') });
  onTeardown(() => store.close());

  const cwd = tempDir('agents-cwd');
  // Each pool as { run(task), destroy() } with minThreads threads started and up to maxThreads.
  const pools = {
    agent: (minThreads, maxThreads = minThreads) => {
      const settings = { minThreads, maxThreads, idleTimeoutMs: 30_000, taskTimeoutMs: 60_000, maxOldGenerationSizeMb: 256 };
      const pool = createAgentPool({ cwd, storePath: store.path, agents: [{ id: 'classify', module: agentModule, version: '1.0.0' }], settings });
      return { run: (task) => pool.run('classify', task), destroy: () => pool.destroy() };
    },
    'piscina-bare': (minThreads, maxThreads = minThreads) => {
      const pool = new Piscina({ filename: bareWorker, minThreads, maxThreads });
      return { run: (task) => pool.run(task), destroy: () => pool.destroy() };
    },
    tinypool: (minThreads, maxThreads = minThreads) => {
      const pool = new Tinypool({ filename: bareWorker, minThreads, maxThreads, isolateWorkers: false });
      return { run: (task) => pool.run(task), destroy: () => pool.destroy() };
    },
  };

  // A failing run is fast: check every pool classifies as the main thread does before timing.
  const expected = classify(input(0));
  for (const [name, make] of Object.entries(pools)) {
    const pool = make(1);
    const got = await pool.run(input(0));
    await pool.destroy();
    if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`${name} pool returned ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  }

  const metrics = {};

  // Cold start: a new pool (one thread) until its first result; the pools interleaved per round.
  const cold = Object.fromEntries(Object.keys(pools).map((name) => [name, []]));
  for (let round = 0; round < COLD_ROUNDS; round++) {
    for (const [name, make] of Object.entries(pools)) {
      const t0 = performance.now();
      const pool = make(1);
      await pool.run(input(round));
      cold[name].push(performance.now() - t0);
      await pool.destroy();
    }
  }
  for (const [name, samples] of Object.entries(cold)) metrics[name === 'agent' ? 'agents.cold-start' : `agents.cold-start.${name}`] = fromSamples(samples);

  // Memory per extra thread, each thread loaded (for the agent pool: the kernel, the opened store
  // and the agent module); in a fresh process per pool, see agents/memory-probe.mjs.
  for (const name of Object.keys(pools)) {
    const { stdout } = await run(process.execPath, [memoryProbe, name, store.path, String(EXTRA_THREADS)], { cwd, timeout: 60_000 });
    metrics[name === 'agent' ? 'agents.memory-per-thread' : `agents.memory-per-thread.${name}`] = metric(JSON.parse(stdout).mbPerThread, 'MB', 1);
  }

  // Throughput: THROUGHPUT_TASKS classifications, all submitted at once, on two threads vs in a loop
  // here; and the same classifications as two batch tasks, one per thread.
  const throughput = { main: [], agent: [], 'piscina-bare': [], tinypool: [], 'pool-batched': [] };
  const half = Array.from({ length: THROUGHPUT_TASKS / 2 }, (_, i) => input(i).message);
  const running = Object.fromEntries(Object.entries(pools).map(([name, make]) => [name, make(2)]));
  onTeardown(() => Promise.all(Object.values(running).map((p) => p.destroy())));
  for (const pool of Object.values(running)) await Promise.all([pool.run(input(0)), pool.run(input(1))]);
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    let t0 = performance.now();
    for (let i = 0; i < THROUGHPUT_TASKS; i++) classify(input(i));
    throughput.main.push(performance.now() - t0);
    for (const [name, pool] of Object.entries(running)) {
      t0 = performance.now();
      await Promise.all(Array.from({ length: THROUGHPUT_TASKS }, (_, i) => pool.run(input(i))));
      throughput[name].push(performance.now() - t0);
    }
    t0 = performance.now();
    await Promise.all([running.agent.run({ messages: half }), running.agent.run({ messages: half })]);
    throughput['pool-batched'].push(performance.now() - t0);
  }
  for (const [name, samples] of Object.entries(throughput)) metrics[`agents.throughput-${THROUGHPUT_TASKS}.${name === 'agent' ? 'pool' : name}`] = fromSamples(samples);
  metrics[`agents.throughput-${THROUGHPUT_TASKS}.pool-vs-main`] = metric(median(throughput.agent) / median(throughput.main), '×', THROUGHPUT_ROUNDS);

  // Pooled dispatch: one task at a time to a warm single-thread pool, round trip.
  for (const name of Object.keys(pools)) {
    const pool = pools[name](1);
    onTeardown(() => pool.destroy());
    await pool.run(input(0));
    let i = 0;
    bench.add(name === 'agent' ? 'agents.dispatch' : `agents.dispatch.${name}`, () => pool.run(input(i++)));
  }
  return metrics;
}
