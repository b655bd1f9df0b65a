import { CacheError, ErrorCodes } from '@aqe/kernel';

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
const KEYS = ['bucket', 'prefix', 'region', 'endpoint', 'forcePathStyle', 'ttlMs', 'timeoutMs'];
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const invalid = (message: string, fix: string) => new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 's3', message, fix);

/**
 * Options from the config win over the environment. Returns undefined when no bucket
 * is named anywhere: the tier is not configured and the plugin registers nothing.
 * Credentials are never options: the SDK's standard chain reads them (AWS_ACCESS_KEY_ID
 * and AWS_SECRET_ACCESS_KEY, a profile, or the CI machine's role).
 */
export function resolveOptions(raw: unknown, env: Record<string, string | undefined>): S3Settings | undefined {
  const o = checkShape(raw);
  const bucket = optionalString(o, 'bucket') ?? (env.AQE_S3_BUCKET || undefined);
  if (bucket === undefined) return undefined;
  if (!BUCKET.test(bucket)) {
    throw invalid(`bucket "${bucket}" is not a valid S3 bucket name`, 'Use 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit (the "bucket" option or AQE_S3_BUCKET)');
  }
  const endpoint = optionalString(o, 'endpoint') ?? (env.AQE_S3_ENDPOINT || undefined);
  if (endpoint !== undefined) checkEndpoint(endpoint);
  if (o.forcePathStyle !== undefined && typeof o.forcePathStyle !== 'boolean') {
    throw invalid(`options.forcePathStyle must be true or false, received ${describe(o.forcePathStyle)}`, 'Leave it out to use path-style exactly when an endpoint is set');
  }
  return {
    bucket,
    prefix: optionalString(o, 'prefix') ?? env.AQE_S3_PREFIX ?? DEFAULT_PREFIX,
    region: optionalString(o, 'region') ?? (env.AQE_S3_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'),
    ...(endpoint === undefined ? {} : { endpoint }),
    forcePathStyle: (o.forcePathStyle as boolean | undefined) ?? endpoint !== undefined,
    ttlMs: o.ttlMs === undefined ? DEFAULT_TTL_MS : checkPositive(o.ttlMs, 'options.ttlMs'),
    timeoutMs: o.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : checkPositive(o.timeoutMs, 'options.timeoutMs'),
  };
}

/** A positive, finite number of milliseconds. */
export function checkPositive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(`${path} must be a positive number of milliseconds, received ${describe(value)}`, `Set ${path.replace(/^options\./, '')} to a number such as 86400000 (one day)`);
  }
  return value;
}

function checkShape(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid(`options must be an object, received ${Array.isArray(raw) ? 'an array' : typeof raw}`, 'Write ["@aqe/cache-s3", { "bucket": "my-ci-cache" }] in the aqe config');
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key)) throw invalid(`unknown option "${key}"`, `@aqe/cache-s3 accepts only: ${KEYS.join(', ')}`);
  }
  return o;
}

function optionalString(o: Record<string, unknown>, key: string): string | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || (value === '' && key !== 'prefix')) {
    throw invalid(`options.${key} must be a non-empty string, received ${describe(value)}`, `Fix "${key}" in the @aqe/cache-s3 options, or leave it out`);
  }
  return value;
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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}
