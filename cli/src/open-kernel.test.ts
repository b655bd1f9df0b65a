import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePlugin } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { openKernel } from './open-kernel.js';

const echo = fileURLToPath(new URL('../../test/fixtures/agents/echo.mjs', import.meta.url));
const fixtureAgents = definePlugin({
  name: 'fixture-agents',
  version: '1.0.0',
  apiVersion: '^1',
  setup(ctx) {
    ctx.agents.add({ id: 'echo', module: echo, version: '1.0.0' });
  },
});

describe('openKernel', () => {
  it('gives the CLI kernel an agent pool: kernel.agents.run works, prewarmed or not', async () => {
    for (const prewarmAgents of [false, true]) {
      const cwd = mkdtempSync(join(tmpdir(), 'aqe-open-kernel-'));
      const kernel = await openKernel({ cwd, extra: [{ plugin: fixtureAgents }], prewarmAgents });
      try {
        await expect(kernel.agents.run('echo', { prewarmAgents })).resolves.toMatchObject({ input: { prewarmAgents } });
      } finally {
        await kernel.dispose();
        rmSync(cwd, { recursive: true, force: true });
      }
    }
  });
});
