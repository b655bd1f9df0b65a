import { CacheError, ErrorCodes, parsePluginOptions } from '@aqe/kernel';

/** What users may write as `["@aqe/cache-s3", { ... }]` in the aqe config. */
export interface CacheS3Options {
  /** Default: `AQE_S3_BUCKET`. */
  bucket?: string;
  /** Prepended to every object key; one prefix per repository. Default: `AQE_S3_PREFIX`, else `aqe/`. */
  prefix?: string;
  /** Default: `AQE_S3_REGION`, `AWS_REGION`, `AWS_DEFAULT_REGION`, else `us-east-1`. */
  region?: string;
  /** An S3-compatible endpoint (MinIO, R2, Ceph...), e.g. `http://minio:9000`. Default: `AQE_S3_ENDPOINT`, else AWS. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`). Default: true when an endpoint is set. */
  forcePathStyle?: boolean;
  /** Time to live of an entry when the caller gives none, kept as object metadata. Default 7 days. */
  ttlMs?: number;
  /** Bound on every request, retries included. Default 5000. */
  timeoutMs?: number;
}

export interface S3Settings {
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  ttlMs: number;
  timeoutMs: number;
}

const DEFAULT_PREFIX = 'aqe/';
const DEFAULT_TTL_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_TIMEOUT_MS = 5000;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const invalid = (message: string, fix: string) => new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 's3', message, fix);

/**
 * Options from the config win over the environment. Returns undefined when no bucket
 * is named anywhere: the tier is not configured and the plugin registers nothing.
 * Credentials are never options: the SDK's standard chain reads them (AWS_ACCESS_KEY_ID
 * and AWS_SECRET_ACCESS_KEY, a profile, or the CI machine's role).
 */
export async function resolveOptions(raw: unknown, env: Record<string, string | undefined>): Promise<S3Settings | undefined> {
  const o = await parsePluginOptions(
    (z) => {
      const ms = z.number().positive().describe('a positive number of milliseconds').optional();
      const name = z.string().min(1).describe('a non-empty string').optional();
      return z.object({
        bucket: name,
        prefix: z.string().describe('a string').optional(),
        region: name,
        endpoint: name,
        forcePathStyle: z.boolean().describe('true or false').optional(),
        ttlMs: ms,
        timeoutMs: ms,
      });
    },
    raw,
    {
      plugin: '@aqe/cache-s3',
      example: '{ "bucket": "my-ci-cache" }',
      toError: invalid,
      fixes: {
        forcePathStyle: 'Leave it out to use path-style exactly when an endpoint is set',
        ttlMs: 'Set ttlMs to a number such as 86400000 (one day)',
        timeoutMs: 'Set timeoutMs to a number such as 5000 (five seconds)',
      },
    },
  );
  const bucket = o.bucket ?? (env.AQE_S3_BUCKET || undefined);
  if (bucket === undefined) return undefined;
  if (!BUCKET.test(bucket)) {
    throw invalid(`bucket "${bucket}" is not a valid S3 bucket name`, 'Use 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit (the "bucket" option or AQE_S3_BUCKET)');
  }
  const endpoint = o.endpoint ?? (env.AQE_S3_ENDPOINT || undefined);
  if (endpoint !== undefined) checkEndpoint(endpoint);
  return {
    bucket,
    prefix: o.prefix ?? env.AQE_S3_PREFIX ?? DEFAULT_PREFIX,
    region: o.region ?? (env.AQE_S3_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'),
    ...(endpoint === undefined ? {} : { endpoint }),
    forcePathStyle: o.forcePathStyle ?? endpoint !== undefined,
    ttlMs: o.ttlMs ?? DEFAULT_TTL_MS,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

function checkEndpoint(endpoint: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(endpoint).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw invalid(`endpoint "${endpoint}" is not an http:// or https:// URL`, 'Set the "endpoint" option or AQE_S3_ENDPOINT to the server\'s URL, e.g. http://minio:9000, or leave it out for AWS');
  }
}
