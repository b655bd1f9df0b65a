// cache.redis.get.1kb / cache.s3.get.1kb: get() of a 1 KB entry through the built shared
// cache tiers, set up as the kernel does (plugin setup with a user's options), against a
// real redis-server and a real s3rver on 127.0.0.1 that this suite starts and stops.
// Loopback, so the figure is the tier's own cost (client, protocol, server), not a
// network's: add the round-trip time to your Redis or S3 for a CI machine's view.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { importBuilt } from '../lib/load.mjs';
import { root } from '../lib/paths.mjs';

export const benchOptions = { time: 300, warmupTime: 100 };

const KEY = 'bench-1kb';
const VALUE = new Uint8Array(1024).map((_, i) => i % 251);
const S3_KEYS = 'S3RVER'; // the one key pair s3rver accepts

export default async function cacheTiersSuite({ bench, tempDir, onTeardown }) {
  const redis = await startRedisServer(tempDir('redis'));
  onTeardown(redis.stop);
  const s3 = await startS3rver(tempDir('s3'));
  onTeardown(s3.stop);

  const redisTier = await tierFrom('@aqe/cache-redis', 'plugins/cache-redis/dist/index.js', { url: redis.url, prefix: 'bench:' }, onTeardown);
  // Credentials come from the SDK's standard chain, as for users: the AWS_* environment.
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  onTeardown(() => {
    restoreEnv('AWS_ACCESS_KEY_ID', saved.id);
    restoreEnv('AWS_SECRET_ACCESS_KEY', saved.secret);
  });
  process.env.AWS_ACCESS_KEY_ID = S3_KEYS;
  process.env.AWS_SECRET_ACCESS_KEY = S3_KEYS;
  const s3Tier = await tierFrom('@aqe/cache-s3', 'plugins/cache-s3/dist/index.js', { bucket: s3.bucket, endpoint: s3.endpoint, prefix: 'bench/' }, onTeardown);

  for (const [name, tier] of [
    ['cache.redis.get.1kb', redisTier],
    ['cache.s3.get.1kb', s3Tier],
  ]) {
    await tier.put(KEY, VALUE);
    const back = await tier.get(KEY);
    if (back?.value.length !== VALUE.length || back.value[1000] !== VALUE[1000]) throw new Error(`${name}: round-trip returned ${back?.value.length} bytes`);
    bench.add(name, async () => {
      if ((await tier.get(KEY)) === undefined) throw new Error(`${name}: missing entry`);
    });
  }
}

/** Runs the plugin's setup as the kernel would and returns the backend it registers. */
async function tierFrom(what, file, options, onTeardown) {
  const { default: plugin } = await importBuilt(what, join(root, file), []);
  let tier;
  await plugin.setup({
    options,
    cacheBackends: { add: (backend) => (tier = backend) },
    onDispose: (release) => onTeardown(release),
  });
  if (!tier) throw new Error(`${what} registered no cache backend for ${JSON.stringify(options)}`);
  return tier;
}

function restoreEnv(name, value) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedisServer(dir) {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.once('error', (e) => reject(e.code === 'ENOENT' ? new Error('redis-server is not installed (apt-get install redis-server)') : e));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Ready to accept connections')) resolve();
    });
  });
  child.removeAllListeners('exit');
  child.stdout.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startS3rver(directory) {
  const { default: S3rver } = await import('s3rver');
  const bucket = 'aqe-bench';
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.httpServer?.closeAllConnections?.();
      await server.close();
    },
  };
}
