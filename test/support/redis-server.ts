/**
 * A real, throw-away `redis-server` for tests (no mocks of Redis anywhere in aqe).
 *
 *   const redis = await startRedis();
 *   // ... point a client or aqe at redis.url (redis://127.0.0.1:<port>)
 *   await redis.kill();     // SIGKILL, as a crashed server: clients see the socket drop
 *   await redis.restart();  // a fresh, empty server on the same port (clients reconnect)
 *   await redis.stop();     // always call it (afterAll); stopping twice is fine
 *
 * Each server listens on 127.0.0.1 on a free port, persists nothing (`--save ""
 * --appendonly no`) and works in its own temp dir, so tests can run side by side.
 * `redis-server` must be on PATH: `.ci/run` installs Debian's `redis-server` package
 * when it is missing. There is deliberately no skip: a cache tier nobody tests is broken.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  /** Graceful shutdown (SIGTERM) and removal of the temp dir. */
  stop(): Promise<void>;
  /** SIGKILL: the server vanishes mid-use, as in a crash. */
  kill(): Promise<void>;
  /** Starts a new, empty server on the same port (after kill or stop). */
  restart(): Promise<void>;
}

const READY = /Ready to accept connections/;
const START_TIMEOUT_MS = 10_000;

// A test run that dies without stop() must not leave servers behind.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export async function startRedis(extraArgs: readonly string[] = []): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // The free port is released before redis-server binds it: another process may win it.
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    try {
      child = await spawnRedis(port, dir, extraArgs);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test(String(error))) throw error;
    }
  }

  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    child = undefined;
    if (c && c.exitCode === null && c.signalCode === null) {
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill(signal);
      await exited;
    }
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => end('SIGKILL'),
    async stop() {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await end('SIGKILL');
      child = await spawnRedis(port, dir, extraArgs);
    },
  };
}

/** A port the OS just handed out on 127.0.0.1 (released again for redis-server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}

function spawnRedis(port: number, dir: string, extraArgs: readonly string[]): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs];
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    child.once('exit', () => live.delete(child));
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail(`was not ready within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? new Error('redis-server is not installed: run .ci/run, or apt-get install redis-server (brew install redis on macOS)') : error);
    });
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited early (${signal ?? `code ${code}`})`);
    child.once('exit', onEarlyExit);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!READY.test(output)) return;
      clearTimeout(timer);
      child.removeListener('exit', onEarlyExit);
      child.stdout?.removeListener('data', onData);
      child.stdout?.resume();
      resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });
}

export interface RedisCluster {
  /** One redis:// URL per master node (seed nodes for a cluster client). */
  urls: string[];
  nodes: RedisServer[];
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster of `masters` nodes (no replicas), each a startRedis() server
 * with `--cluster-enabled yes`, joined by `redis-cli --cluster create`. Ready when
 * every node reports `cluster_state:ok`; takes a second or two.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const nodes = await Promise.all(Array.from({ length: masters }, () => startRedis(['--cluster-enabled', 'yes', '--cluster-node-timeout', '2000'])));
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    await redisCli(['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const node of nodes) {
      for (let i = 0; !(await redisCli(['-p', String(node.port), 'cluster', 'info'])).includes('cluster_state:ok'); i++) {
        if (i > 100) throw new Error(`redis cluster node ${node.port} did not reach cluster_state:ok`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: nodes.map((n) => n.url), nodes, stop };
}

function redisCli(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`redis-cli ${args.join(' ')} exited ${code}\n${output}`))));
  });
}
