// Run by suites/agents.mjs in a fresh process per pool kind, because a process reuses the
// memory of threads it stopped: RSS with one loaded thread, then with 1 + extra threads.
// Every pool keeps idle threads (idle timeout 30 s): with Piscina's and Tinypool's default
// of 0 the extra threads would be gone before the second reading.
//   node memory-probe.mjs <agent|piscina-bare|tinypool> <storePath> <extra>   → {"mbPerThread":n}
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const [kind, storePath, extraArg] = process.argv.slice(2);
const extra = Number(extraArg);
const agentModule = fileURLToPath(new URL('./classify.mjs', import.meta.url));
const bareWorker = fileURLToPath(new URL('./bare-worker.mjs', import.meta.url));
const task = (i, holdMs = 0) => ({ message: `expected ${i} to be ${i + 1} at /src/a.test.ts:${i}`, holdMs });

async function makePool() {
  const maxThreads = 1 + extra;
  if (kind === 'agent') {
    const { createAgentPool } = await import(new URL('../../workers/dist/index.js', import.meta.url).href);
    const settings = { minThreads: 1, maxThreads, idleTimeoutMs: 30_000, taskTimeoutMs: 60_000, maxOldGenerationSizeMb: 256 };
    const pool = createAgentPool({ cwd: process.cwd(), storePath, agents: [{ id: 'classify', module: agentModule, version: '1.0.0' }], settings });
    return { run: (t) => pool.run('classify', t), destroy: () => pool.destroy() };
  }
  if (kind === 'piscina-bare') {
    const { Piscina } = await import('piscina');
    return new Piscina({ filename: bareWorker, minThreads: 1, maxThreads, idleTimeout: 30_000 });
  }
  const { default: Tinypool } = await import('tinypool');
  return new Tinypool({ filename: bareWorker, minThreads: 1, maxThreads, isolateWorkers: false, idleTimeout: 30_000 });
}

const pool = await makePool();
await pool.run(task(0));
await sleep(100);
const one = process.memoryUsage().rss;
// Tasks that hold their thread a moment land on distinct threads: every thread starts and loads.
await Promise.all(Array.from({ length: 1 + extra }, (_, i) => pool.run(task(i, 200))));
await sleep(100);
const many = process.memoryUsage().rss;
await pool.destroy();
console.log(JSON.stringify({ mbPerThread: (many - one) / extra / 1024 / 1024 }));
