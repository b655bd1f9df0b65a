import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheCommandReport, RunResult } from '@aqe/kernel';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../support/redis-server.js';
import { type S3Server, startS3 } from '../support/s3-server.js';
import { type AqeResult, jsonData, Sandbox } from './support/aqe.js';

// Two clones of one repository on one machine (separate checkouts, separate local stores)
// sharing a real redis-server and a real s3rver, driven through the built CLI.
let redis: RedisServer;
let s3: S3Server;
let sandbox: Sandbox;
beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis(), startS3()]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), s3?.stop()]);
});
beforeEach(async () => {
  sandbox = await Sandbox.create();
});
afterEach(() => sandbox.remove());

const statuses = (r: RunResult) => Object.values(Object.fromEntries(r.files.map((f) => [f.file, f.status])));
let clones = 0;
/** A fresh checkout of the fixture: the project copied to a directory of its own. */
async function clone(): Promise<string> {
  const cwd = await sandbox.project('cache-deep');
  const target = join(sandbox.dir, `clone-${++clones}`);
  const { rename } = await import('node:fs/promises');
  await rename(cwd, target);
  return target;
}

/** Empties the shared tiers the way a user would, so a case does not see another's entries. */
async function clearShared(env: NodeJS.ProcessEnv): Promise<void> {
  const cleared = await sandbox.run(['cache', 'clear', '--format', 'json'], await clone(), env);
  expect(cleared.code, cleared.stderr).toBe(0);
  expect(jsonData<Extract<CacheCommandReport, { command: 'clear' }>>(cleared, 'cache').tiers.filter((t) => t.error)).toEqual([]);
}

async function run(cwd: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<RunResult & { stderr: string }> {
  const result: AqeResult = await sandbox.run(['run', '--format', 'json', ...args], cwd, env);
  expect(result.code, result.stderr).toBe(0);
  return { ...jsonData<RunResult>(result, 'run'), stderr: result.stderr };
}

describe.each([
  ['Redis', () => ({ AQE_REDIS_URL: redis.url })],
  ['S3', () => ({ ...s3.env })],
  ['Redis and S3', () => ({ AQE_REDIS_URL: redis.url, ...s3.env })],
])('two clones sharing %s', (_name, tiers) => {
  it("serves the second clone's run from the shared cache, in the default namespace of this machine", async () => {
    const env = tiers();
    await clearShared(env);
    const first = await run(await clone(), env);
    expect(statuses(first)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(first.cache).toMatchObject({ writes: 4, disabledTiers: [] });
    const second = await clone();
    const served = await run(second, env);
    expect(statuses(served)).toEqual(['cached', 'cached', 'cached', 'cached']);
    expect(served.cache).toMatchObject({ hits: 4, misses: 0, rejected: 0, disabledTiers: [] });
    // The hits were back-filled into the second clone's own local tier.
    const stats = jsonData<Extract<CacheCommandReport, { command: 'stats' }>>(await sandbox.run(['cache', 'stats', '--format', 'json'], second, env), 'cache');
    expect(stats.tiers.find((t) => t.id === 'lmdb')?.stats?.entries).toBe(4);
  });
});

describe('a shared cache across trust levels', () => {
  const shared = () => ({ AQE_REDIS_URL: redis.url, ...s3.env, AQE_CACHE_SECRET: 'ci-secret' });

  // Every case starts from empty shared tiers, emptied the way a user would.
  beforeEach(() => clearShared(shared()));

  it('lets a pull-request build read what the main branch wrote, and a change three imports deep re-runs only the tests that reach it', async () => {
    await run(await clone(), { ...shared(), AQE_CACHE_WRITE: 'trusted' });
    const pr = await clone();
    writeFileSync(join(pr, 'src/c.js'), 'export const factor = 2; // refactored\n');
    const result = await run(pr, { ...shared(), AQE_CACHE_NAMESPACE: 'pr-7' });
    expect(Object.fromEntries(result.files.map((f) => [f.file, f.status]))).toEqual({ 'test/deep.test.js': 'passed', 'test/mid.test.js': 'passed', 'test/other.test.js': 'cached', 'test/plain.test.js': 'cached' });
  });

  it('never lets a pull-request build write where the main branch reads', async () => {
    await run(await clone(), { ...shared(), AQE_CACHE_NAMESPACE: 'pr-8' });
    const main = await run(await clone(), { ...shared(), AQE_CACHE_WRITE: 'trusted' });
    expect(main.cache).toMatchObject({ hits: 0, writes: 4 });
  });

  it('rejects entries signed with another secret, reports them, and runs the files', async () => {
    const env = { AQE_REDIS_URL: redis.url, AQE_CACHE_NAMESPACE: 'signed' };
    await run(await clone(), { ...env, AQE_CACHE_SECRET: 'attacker' });
    const result = await run(await clone(), { ...env, AQE_CACHE_SECRET: 'ci-secret' });
    expect(statuses(result)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(result.cache).toMatchObject({ hits: 0, rejected: 4 });
    expect(result.stderr).toContain('AQE_CACHE_SECRET');
  });
});

describe('a shared tier that is down', () => {
  it('is switched off with one warning and the run goes on with the local tier', async () => {
    const dead = await startRedis();
    const url = dead.url;
    await dead.stop();
    const cwd = await clone();
    const result = await run(cwd, { AQE_REDIS_URL: url, AQE_CACHE_NAMESPACE: 'down' });
    expect(statuses(result)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(result.cache?.disabledTiers.map((t) => t.id)).toEqual(['redis']);
    expect(result.stderr.match(/cache tier "redis" is switched off/g)).toHaveLength(1);
    const again = await run(cwd, { AQE_REDIS_URL: url, AQE_CACHE_NAMESPACE: 'down' });
    expect(again.summary.cached).toBe(4);
  });
});
