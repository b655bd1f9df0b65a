import type { Cluster, Redis, RedisOptions } from 'ioredis';
import type { RedisSettings } from './options.js';

/**
 * Creates the ioredis client without connecting (the first cache call connects).
 * ioredis is imported here, on demand: the plugin sits in the CLI's default set and
 * must cost nothing when no Redis is configured.
 *
 * Fail-fast settings: no offline queue (a call while disconnected rejects at once
 * instead of waiting for a reconnect), one retry per request, connect and command
 * timeouts of `timeoutMs`. Reconnection itself stays on (ioredis backs off up to 2 s),
 * so the tier comes back after a Redis restart.
 */
export async function createClient(settings: RedisSettings): Promise<Redis | Cluster> {
  const { Redis, Cluster } = await import('ioredis');
  const common: RedisOptions = {
    lazyConnect: true,
    connectTimeout: settings.timeoutMs,
    commandTimeout: settings.timeoutMs,
    maxRetriesPerRequest: 1,
  };
  if (!settings.cluster) return new Redis(settings.urls[0]!, { ...common, enableOfflineQueue: false });
  return new Cluster(clusterNodes(settings.urls), {
    lazyConnect: true,
    enableOfflineQueue: false,
    slotsRefreshTimeout: settings.timeoutMs,
    redisOptions: { ...common, ...credentialsOf(settings.urls[0]!) },
  });
}

/** Seed nodes of a cluster from URLs; `redis://host:port`, port 6379 when absent. */
export function clusterNodes(urls: readonly string[]): { host: string; port: number }[] {
  return urls.map((url) => {
    const u = new URL(url);
    return { host: u.hostname, port: u.port ? Number(u.port) : 6379 };
  });
}

/** A cluster shares one user/password/TLS setting: taken from the first URL. */
export function credentialsOf(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
