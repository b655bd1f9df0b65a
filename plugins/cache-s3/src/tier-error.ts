import { CacheError, ErrorCodes } from '@aqe/kernel';

/** Where the tier points, for messages: `s3://bucket/prefix at endpoint`. */
export interface S3Target {
  bucket: string;
  prefix: string;
  endpoint?: string;
  timeoutMs: number;
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const NETWORK = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN|ETIMEDOUT|EPIPE|socket hang up/;

/**
 * Turns what the AWS SDK threw into a CacheError naming the tier, the bucket and the
 * fix. HEAD responses carry no error body, so 404/403 are read from the status too.
 */
export function tierError(error: unknown, op: string, target: S3Target): CacheError {
  if (error instanceof CacheError) return error;
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode;
  // A HEAD error has no body to name it: the SDK then says "Unknown", so show the status.
  const detail = name && !/^Unknown/.test(name) ? `${name}${e.message && e.message !== name ? `: ${e.message}` : ''}` : `HTTP ${status ?? '?'}`;
  const where = `s3://${target.bucket}/${target.prefix}${target.endpoint ? ` at ${target.endpoint}` : ''}`;
  const unavailable = (what: string, fix: string) => new CacheError(ErrorCodes.CACHE_TIER_UNAVAILABLE, 's3', what, fix, { cause: error });

  if (name === 'AbortError' || name === 'TimeoutError' || name === 'RequestTimeout') {
    return unavailable(`${op} got no answer from ${where} within ${target.timeoutMs} ms`, 'Check that the S3 endpoint is up and reachable, or raise the timeoutMs option; aqe goes on without this tier');
  }
  if (name === 'NoSuchBucket' || (op === 'bucket check' && status === 404)) {
    return unavailable(`bucket "${target.bucket}" does not exist${target.endpoint ? ` at ${target.endpoint}` : ''}`, 'Create the bucket (see docs/deployment/s3.md) or fix the "bucket" option / AQE_S3_BUCKET');
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/.test(e.message ?? '')) {
    return unavailable(`no AWS credentials for ${where}`, 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or give the CI machine a role) with the permissions in docs/deployment/s3.md');
  }
  if (status === 403 || /InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|Forbidden/.test(name)) {
    return unavailable(
      `${where} refused access (${detail}, during ${op})`,
      'Check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and that the IAM policy allows s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket on the bucket and prefix (docs/deployment/s3.md)',
    );
  }
  if (NETWORK.test(`${e.code ?? ''} ${e.message ?? ''} ${(e.cause as SdkError | undefined)?.code ?? ''}`)) {
    return unavailable(`cannot reach S3 at ${target.endpoint ?? 'AWS'} (${e.code ?? e.message})`, 'Check that the endpoint is up and that AQE_S3_ENDPOINT (or the "endpoint" option) and the region are right; aqe goes on without this tier');
  }
  if (status !== undefined && status >= 500) {
    return unavailable(`${op} on ${where} failed: S3 answered ${status} ${detail}`, 'The S3 service is failing; aqe goes on without this tier and tries again on the next run');
  }
  return unavailable(`${op} on ${where} failed: ${name ? detail : String(error)}`, 'Check the bucket, the endpoint and the credentials (docs/deployment/s3.md)');
}

/** A missing object: GetObject says NoSuchKey, HeadObject only answers 404. */
export function isMissingKey(error: unknown): boolean {
  const e = (error ?? {}) as SdkError;
  return e.name === 'NoSuchKey' || (e.name === 'NotFound' && e.$metadata?.httpStatusCode === 404);
}
