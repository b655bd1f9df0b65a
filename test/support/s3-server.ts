/**
 * A real S3-compatible server for tests: s3rver (npm) on 127.0.0.1, a free port, a temp
 * dir, with one bucket created. No mocks of S3 anywhere in aqe.
 *
 *   const s3 = await startS3();
 *   // s3.env: AQE_S3_BUCKET, AQE_S3_ENDPOINT, AQE_S3_REGION and the AWS_* keys s3rver accepts;
 *   // spread it into a child process's env to point aqe at this server
 *   await s3.stop();   // always call it (afterAll); stopping twice is fine
 *
 * Clients must use path-style addressing (`forcePathStyle: true`) and
 * `requestChecksumCalculation`/`responseChecksumValidation: 'WHEN_REQUIRED'`: with the
 * SDK's defaults s3rver stores a streamed upload with its chunk framing, i.e. corrupted.
 * s3rver checks signatures against one key pair, S3RVER/S3RVER (in `env`), so wrong
 * credentials are rejected as on AWS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3Server {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The environment that points aqe's S3 tier (and the AWS SDK) at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const S3RVER_KEY = 'S3RVER';

/** Bucket names must be 3+ characters (S3's rule, which s3rver enforces). */
export async function startS3({ bucket = 'aqe-cache' }: { bucket?: string } = {}): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'aqe-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const region = 'us-east-1';
  let stopped = false;
  return {
    endpoint,
    bucket,
    region,
    accessKeyId: S3RVER_KEY,
    secretAccessKey: S3RVER_KEY,
    env: {
      AQE_S3_BUCKET: bucket,
      AQE_S3_ENDPOINT: endpoint,
      AQE_S3_REGION: region,
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Keep-alive sockets of clients would hold close() open: drop them.
      (server as unknown as { httpServer?: { closeAllConnections?(): void } }).httpServer?.closeAllConnections?.();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
