import { CacheError } from '@aqe/kernel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../../test/support/fault-proxy.js';
import { freePort } from '../../../test/support/redis-server.js';
import { type S3Server, startS3 } from '../../../test/support/s3-server.js';
import { createS3Client } from './client.js';
import { resolveOptions } from './options.js';
import { createS3Cache, type S3Cache } from './s3-cache.js';

// A real s3rver, reached directly or through a real HTTP proxy that injects 500s and delays.
// No wall-clock assertions: a call that hung would fail the test by its timeout instead.
let s3: S3Server;
let proxy: FaultProxy;
const caches: S3Cache[] = [];
const bytes = (...b: number[]) => new Uint8Array(b);

beforeAll(async () => {
  s3 = await startS3();
  proxy = await startFaultProxy(s3.endpoint);
});
afterAll(async () => {
  await proxy.stop();
  await s3.stop();
});
afterEach(async () => {
  proxy.fault = undefined;
  for (const c of caches.splice(0)) await c.close();
});

async function cacheAt(options: Record<string, unknown>, credentials: { accessKeyId: string; secretAccessKey: string } = s3): Promise<S3Cache> {
  const settings = (await resolveOptions({ timeoutMs: 400, ...options }, s3.env))!;
  const cache = createS3Cache({ client: await createS3Client(settings, credentials), ...settings });
  caches.push(cache);
  return cache;
}

async function failure(call: Promise<unknown>): Promise<CacheError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CacheError);
  expect(error).toMatchObject({ code: 'AQE_CACHE_TIER_UNAVAILABLE', tier: 's3' });
  return error as CacheError;
}

describe('s3 tier faults', () => {
  it('turns 500 answers into a CacheError naming the status, and works again when S3 recovers', async () => {
    const cache = await cacheAt({ endpoint: proxy.url });
    await cache.put('k', bytes(1));
    proxy.fault = { status: 500 };
    const error = await failure(cache.get('k'));
    expect(error.message).toContain('cache tier "s3": get on s3://aqe-cache/aqe/ at http://127.0.0.1:');
    expect(error.message).toContain('S3 answered 500 InternalError');
    await failure(cache.put('k', bytes(2)));
    expect((await cache.stats()).errors).toBe(2);
    proxy.fault = undefined;
    expect((await cache.get('k'))?.value).toEqual(bytes(1));
  });

  it('gives up on a slow S3 after timeoutMs with a CacheError, retries included', async () => {
    const cache = await cacheAt({ endpoint: proxy.url });
    await cache.put('k', bytes(1));
    proxy.fault = { delayMs: 5000 };
    const error = await failure(cache.get('k'));
    expect(error.message).toContain('get got no answer from s3://aqe-cache/aqe/');
    expect(error.message).toContain('within 400 ms');
    expect(error.message).toContain('raise the timeoutMs option');
  });

  it('names a missing bucket and how to fix it', async () => {
    const cache = await cacheAt({ bucket: 'no-such-bucket' });
    const error = await failure(cache.get('k'));
    expect(error.message).toContain(`bucket "no-such-bucket" does not exist at ${s3.endpoint}`);
    expect(error.message).toContain('AQE_S3_BUCKET');
    await failure(cache.has('k'));
  });

  it('reports rejected credentials with the permissions to check', async () => {
    const cache = await cacheAt({}, { accessKeyId: 'WRONG', secretAccessKey: 'WRONG' });
    const error = await failure(cache.put('k', bytes(1)));
    expect(error.message).toContain('refused access (InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records., during bucket check)');
    expect(error.message).toContain('AWS_ACCESS_KEY_ID');
    expect(error.message).toContain('s3:ListBucket');
  });

  it('says the endpoint cannot be reached when nothing listens there', async () => {
    const cache = await cacheAt({ endpoint: `http://127.0.0.1:${await freePort()}` });
    const error = await failure(cache.get('k'));
    expect(error.message).toMatch(/cannot reach S3 at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(error.message).toContain('AQE_S3_ENDPOINT');
  });
});
