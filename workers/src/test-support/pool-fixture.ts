import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentPool, AgentPoolSettings, Store } from '@aqe/kernel';
import { openStore } from '@aqe/kernel/store';
import { createAgentPool } from '../create-agent-pool.js';

const AGENTS_DIR = fileURLToPath(new URL('../../../test/fixtures/agents/', import.meta.url));

/** Fixture agents by id: test/fixtures/agents/<id>.mjs. */
const agentModule = (id: string) => join(AGENTS_DIR, `${id}.mjs`);

export interface PoolFixture {
  pool: AgentPool;
  store: Store;
  dir: string;
  close(): Promise<void>;
}

/** A store in a temp dir (opened first, as the kernel does) and a pool over the named fixture agents. */
export async function poolFixture(ids: string[], settings: Partial<AgentPoolSettings> = {}): Promise<PoolFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-pool-'));
  const store = await openStore({ path: join(dir, 'store') });
  const pool = createAgentPool({
    cwd: dir,
    storePath: store.path,
    agents: ids.map((id) => ({ id, module: agentModule(id), version: '1.0.0' })),
    settings: { minThreads: 1, maxThreads: 1, idleTimeoutMs: 30_000, taskTimeoutMs: 30_000, maxOldGenerationSizeMb: 128, ...settings },
  });
  return {
    pool,
    store,
    dir,
    async close() {
      await pool.destroy();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
