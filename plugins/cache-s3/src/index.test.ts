import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, type Kernel } from '@aqe/kernel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type S3Server, startS3 } from '../../../test/support/s3-server.js';
import plugin from './index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const dirs: string[] = [];
let s3: S3Server;

beforeAll(async () => {
  s3 = await startS3();
});
afterAll(() => s3.stop());
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs `work` with these variables set, then restores the environment as it was. */
async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

async function kernelWith(options: Record<string, unknown>): Promise<Kernel> {
  const cwd = mkdtempSync(join(tmpdir(), 'aqe-cache-s3-'));
  dirs.push(cwd);
  return createKernel({ cwd, config: { discoverInstalled: false }, logger: silent, plugins: [{ plugin, options }] });
}

describe('@aqe/cache-s3 as a plugin', () => {
  it('registers nothing when no bucket is configured (and stays active)', async () => {
    await withEnv({ AQE_S3_BUCKET: undefined }, async () => {
      const kernel = await kernelWith({});
      expect(kernel.plugins()).toMatchObject([{ name: '@aqe/cache-s3', status: 'active', capabilities: [] }]);
      expect(kernel.registry.get('cacheBackends', 's3')).toBeUndefined();
      await kernel.dispose();
    });
  });

  it('registers cache backend "s3" from the AQE_S3_* and AWS_* environment', async () => {
    await withEnv({ ...s3.env, AQE_S3_PREFIX: 'plugin-test/' }, async () => {
      const kernel = await kernelWith({});
      expect(kernel.plugins()).toMatchObject([{ status: 'active', capabilities: [{ kind: 'cacheBackends', id: 's3' }] }]);
      const cache = kernel.registry.get('cacheBackends', 's3')!;
      await cache.put('key', new Uint8Array([4, 2]));
      expect((await cache.get('key'))?.value).toEqual(new Uint8Array([4, 2]));
      expect(await cache.clear?.()).toBe(1);
      await kernel.dispose();
    });
  });

  it('fails setup with the option and the fix when options are wrong', async () => {
    const kernel = await kernelWith({ bucket: 'x' });
    const [report] = kernel.plugins();
    expect(report?.status).toBe('failed');
    expect(report?.problems[0]?.message).toContain('bucket "x" is not a valid S3 bucket name');
    await kernel.dispose();
  });
});
