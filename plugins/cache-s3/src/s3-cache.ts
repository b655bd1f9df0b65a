import type { CacheBackendCapability, CacheBackendStats, CacheEntry } from '@aqe/kernel';
import { checkPut } from '@aqe/kernel/cache';
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isMissingKey, type S3Target, tierError } from './tier-error.js';

export interface S3CacheOptions extends S3Target {
  client: S3Client;
  /** Default TTL for put() calls that give none. */
  ttlMs: number;
  /** The clock; injectable so expiry is testable without waiting. */
  now?: () => number;
  /** Keys per listing page (S3's maximum is 1000); smaller pages let tests cross pages cheaply. */
  pageSize?: number;
}

export interface S3Cache extends CacheBackendCapability {
  close(): Promise<void>;
}

/** Object metadata `x-amz-meta-aqe-expires`: ms since epoch (the SDK drops the x-amz-meta- part). */
const EXPIRES_META = 'aqe-expires';
const HEAD_CONCURRENCY = 8;
const DELETE_BATCH = 1000;

/**
 * The shared S3 tier: one object per entry at `<prefix><key>`, its expiry in metadata.
 * An expired object is a miss; `prune` deletes expired objects and a bucket lifecycle
 * rule removes the rest (docs/deployment/s3.md). Every request is bounded by
 * `timeoutMs`, and the first one checks the bucket and the grant to list the prefix, so a missing bucket or rejected
 * credentials surface as one clear CacheError rather than as a run of misses.
 */
export function createS3Cache({ client, bucket, prefix, endpoint, timeoutMs, ttlMs, now = Date.now, pageSize = 1000 }: S3CacheOptions): S3Cache {
  const target: S3Target = { bucket, prefix, timeoutMs, ...(endpoint === undefined ? {} : { endpoint }) };
  const counters: CacheBackendStats = { hits: 0, misses: 0, writes: 0, errors: 0 };
  let bucketChecked = false;

  const send = async <T>(op: string, work: (abortSignal: AbortSignal) => Promise<T>): Promise<T> => {
    const abortSignal = AbortSignal.timeout(timeoutMs);
    try {
      if (!bucketChecked) {
        // A one-key listing of the prefix, not HeadBucket: it needs exactly the s3:ListBucket
        // grant the tier needs anyway (without it S3 answers a miss with 403), and works
        // with a policy that limits listing to the prefix.
        await client.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }), { abortSignal }).catch((error: unknown) => {
          throw tierError(error, 'bucket check', target);
        });
        bucketChecked = true;
      }
      return await work(abortSignal);
    } catch (error) {
      counters.errors++;
      throw tierError(error, op, target);
    }
  };

  const Key = (key: string) => prefix + key;
  const live = (metadata: Record<string, string> | undefined) => {
    const expires = Number(metadata?.[EXPIRES_META]);
    return !Number.isFinite(expires) || expires > now();
  };

  /** Metadata of a live object, or undefined when it is missing or expired. */
  const head = (op: string, key: string) =>
    send(op, async (abortSignal) => {
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
        return live(res.Metadata) ? (res.Metadata ?? {}) : undefined;
      } catch (error) {
        if (isMissingKey(error)) return undefined;
        throw error;
      }
    });

  const deleteKeys = async (keys: string[]): Promise<number> => {
    let removed = 0;
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const res = await send('delete', (abortSignal) => client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }), { abortSignal }));
      removed += batch.length - (res.Errors?.length ?? 0);
    }
    return removed;
  };

  // ListObjects (v1) paged by Marker = the last key seen: supported alike by AWS and every
  // S3-compatible server, where v2 continuation tokens vary (s3rver's need a cipher
  // OpenSSL 3 no longer offers). Deleting what a page listed does not disturb the next.
  async function* listKeys(): AsyncGenerator<string[]> {
    let Marker: string | undefined;
    do {
      const page = await send('list', (abortSignal) => client.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, MaxKeys: pageSize, ...(Marker ? { Marker } : {}) }), { abortSignal }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
      yield keys;
      Marker = page.IsTruncated ? keys.at(-1) : undefined;
    } while (Marker);
  }

  return {
    id: 's3',
    order: 20,
    remote: true,
    description: `Shared result cache in S3 (s3://${bucket}/${prefix}${endpoint ? ` at ${endpoint}` : ''})`,
    async get(key): Promise<CacheEntry | undefined> {
      const found = await send('get', async (abortSignal) => {
        try {
          const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: Key(key) }), { abortSignal });
          if (!live(res.Metadata)) {
            await res.Body?.transformToByteArray();
            return undefined;
          }
          const expiresAt = Number(res.Metadata?.[EXPIRES_META]);
          const body = (await res.Body?.transformToByteArray()) ?? new Uint8Array();
          return { value: body.constructor === Uint8Array ? body : new Uint8Array(body), ...(Number.isFinite(expiresAt) ? { expiresAt } : {}) };
        } catch (error) {
          if (isMissingKey(error)) return undefined;
          throw error;
        }
      });
      if (found) counters.hits++;
      else counters.misses++;
      return found;
    },
    async put(key, value, options) {
      const ttl = checkPut('s3', value, options) ?? ttlMs;
      const Metadata = { [EXPIRES_META]: String(Math.ceil(now() + ttl)) };
      await send('put', (abortSignal) => client.send(new PutObjectCommand({ Bucket: bucket, Key: Key(key), Body: value, ContentType: 'application/octet-stream', Metadata }), { abortSignal }));
      counters.writes++;
    },
    async has(key) {
      return (await head('has', Key(key))) !== undefined;
    },
    async delete(key) {
      // S3 deletes say nothing about what existed: ask first (an expired entry counts as gone).
      const existed = (await head('delete', Key(key))) !== undefined;
      await send('delete', (abortSignal) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: Key(key) }), { abortSignal }));
      return existed;
    },
    async stats() {
      // Counting entries would list the whole prefix: `entries` is left out.
      return { ...counters };
    },
    async prune() {
      let removed = 0;
      for await (const keys of listKeys()) {
        const expired: string[] = [];
        // Listings carry no user metadata: one HEAD per object, a few at a time.
        for (let i = 0; i < keys.length; i += HEAD_CONCURRENCY) {
          const chunk = keys.slice(i, i + HEAD_CONCURRENCY);
          const alive = await Promise.all(chunk.map((k) => head('prune', k)));
          chunk.forEach((k, j) => {
            if (alive[j] === undefined) expired.push(k);
          });
        }
        removed += await deleteKeys(expired);
      }
      return removed;
    },
    async clear() {
      let removed = 0;
      for await (const keys of listKeys()) removed += await deleteKeys(keys);
      return removed;
    },
    async close() {
      client.destroy();
    },
  };
}
