import type { PluginDefinition } from '@aqe/kernel';
import { createLmdbCache, type ResultRecord } from './lmdb-cache.js';
import { type CacheLmdbOptions, parseOptions } from './options.js';

const plugin = {
  name: '@aqe/cache-lmdb',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Cache backend "lmdb": the local result-cache tier in the project store',
  async setup(ctx) {
    const { ttlMs } = await parseOptions(ctx.options);
    // The store belongs to the kernel, which closes it on dispose: nothing to release here.
    ctx.cacheBackends.add(createLmdbCache({ db: ctx.store.db<ResultRecord>('results'), ...(ttlMs === undefined ? {} : { ttlMs }) }));
  },
} satisfies PluginDefinition<CacheLmdbOptions>;

export default plugin;
export type { CacheLmdbOptions } from './options.js';
