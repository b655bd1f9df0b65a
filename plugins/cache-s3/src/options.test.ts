import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';

const defaults = { prefix: 'aqe/', region: 'us-east-1', forcePathStyle: false, ttlMs: 7 * 24 * 3600 * 1000, timeoutMs: 5000 };

describe('resolveOptions', () => {
  it('is undefined (tier not configured) without a bucket in options or AQE_S3_BUCKET', async () => {
    expect(await resolveOptions(undefined, {})).toBeUndefined();
    expect(await resolveOptions({ prefix: 'x/' }, { AQE_S3_BUCKET: '', AQE_S3_ENDPOINT: 'http://minio:9000' })).toBeUndefined();
  });

  it.each([
    [{ bucket: 'ci-cache' }, {}, { ...defaults, bucket: 'ci-cache' }],
    [
      undefined,
      { AQE_S3_BUCKET: 'ci-cache', AQE_S3_ENDPOINT: 'http://minio:9000', AQE_S3_PREFIX: 'web/', AQE_S3_REGION: 'eu-west-1' },
      { ...defaults, bucket: 'ci-cache', endpoint: 'http://minio:9000', forcePathStyle: true, prefix: 'web/', region: 'eu-west-1' },
    ],
    [
      { bucket: 'from-config', prefix: 'a/' },
      { AQE_S3_BUCKET: 'from-env', AQE_S3_PREFIX: 'b/' },
      { ...defaults, bucket: 'from-config', prefix: 'a/' },
    ],
    [{ bucket: 'b.c-d' }, { AWS_REGION: 'ap-south-1' }, { ...defaults, bucket: 'b.c-d', region: 'ap-south-1' }],
    [{ bucket: 'abc', endpoint: 'https://r2.example.com', forcePathStyle: false, ttlMs: 1000, timeoutMs: 250 }, {}, { ...defaults, bucket: 'abc', endpoint: 'https://r2.example.com', ttlMs: 1000, timeoutMs: 250 }],
  ])('accepts %o with env %o', async (raw, env, expected) => {
    expect(await resolveOptions(raw, env)).toEqual(expected);
  });

  it.each([
    [{ bucket: 'ab' }, 'bucket "ab" is not a valid S3 bucket name'],
    [{ bucket: 'Upper_Case' }, 'bucket "Upper_Case" is not a valid S3 bucket name'],
    [{ bucket: 42 }, 'options.bucket must be a non-empty string, received 42'],
    [{ bucket: 'abc', endpoint: 'minio:9000' }, 'endpoint "minio:9000" is not an http:// or https:// URL'],
    [{ bucket: 'abc', forcePathStyle: 'yes' }, 'options.forcePathStyle must be true or false, received "yes"'],
    [{ bucket: 'abc', ttlMs: -1 }, 'options.ttlMs must be a positive number of milliseconds, received -1'],
    [{ bucket: 'abc', timeoutMs: 0 }, 'options.timeoutMs must be a positive number of milliseconds, received 0'],
    [{ bucket: 'abc', accessKeyId: 'x' }, 'unknown option "accessKeyId". @aqe/cache-s3 accepts only: bucket, prefix, region, endpoint, forcePathStyle, ttlMs, timeoutMs'],
    ['abc', 'options must be an object, received string'],
  ])('rejects %o with AQE_CACHE_CONFIG_INVALID naming the option', async (raw, message) => {
    await expect(resolveOptions(raw, {})).rejects.toThrow(message);
    await expect(resolveOptions(raw, {})).rejects.toThrow(expect.objectContaining({ code: 'AQE_CACHE_CONFIG_INVALID', tier: 's3' }));
  });
});
