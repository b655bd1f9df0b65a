import type { PluginDefinition } from '@aqe/kernel';
import { type CacheRedisOptions, redactUrl, resolveOptions } from './options.js';

const plugin = {
  name: '@aqe/cache-redis',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Cache backend "redis": a shared result-cache tier in Redis or Redis Cluster',
  async setup(ctx) {
    const settings = await resolveOptions(ctx.options, process.env);
    // Not configured: register nothing and load nothing (the plugin is in the CLI's default set).
    if (!settings) return;
    const [{ createClient }, { createRedisCache }] = await Promise.all([import('./connect.js'), import('./redis-cache.js')]);
    const target = settings.urls.map(redactUrl).join(',');
    const cache = createRedisCache({ client: await createClient(settings), target, prefix: settings.prefix, ttlMs: settings.ttlMs, timeoutMs: settings.timeoutMs });
    ctx.onDispose(() => cache.close());
    ctx.cacheBackends.add(cache);
  },
} satisfies PluginDefinition<CacheRedisOptions>;

export default plugin;
export type { CacheRedisOptions } from './options.js';
