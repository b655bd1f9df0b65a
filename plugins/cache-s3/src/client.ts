import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from './options.js';

/**
 * Creates the S3 client. The SDK is imported here, on demand: the plugin sits in the
 * CLI's default set and must cost nothing when no bucket is configured.
 *
 * Checksums only WHEN_REQUIRED: entries carry their own checksum (added by the kernel's
 * tiered cache), and the SDK's default streaming checksums are stored verbatim, framing
 * and all, by several S3-compatible servers. One retry at most, and socket timeouts of
 * `timeoutMs`: the caller bounds every request by `timeoutMs` as a whole anyway.
 */
export async function createS3Client(settings: S3Settings, credentials?: { accessKeyId: string; secretAccessKey: string }): Promise<S3Client> {
  // Its notice about Node versions must not reach aqe's output (it is for SDK users, not ours).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    forcePathStyle: settings.forcePathStyle,
    // Explicit keys are for programs embedding the tier (and tests); aqe itself uses the SDK's chain.
    ...(credentials ? { credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
    requestHandler: { connectionTimeout: settings.timeoutMs, requestTimeout: settings.timeoutMs },
  });
}
