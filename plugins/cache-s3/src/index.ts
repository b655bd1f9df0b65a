import type { PluginDefinition } from '@aqe/kernel';
import { type CacheS3Options, resolveOptions } from './options.js';

const plugin = {
  name: '@aqe/cache-s3',
  version: '0.1.0',
  apiVersion: '^1',
  description: 'Cache backend "s3": a shared result-cache tier in an S3 or S3-compatible bucket',
  async setup(ctx) {
    const settings = await resolveOptions(ctx.options, process.env);
    // Not configured: register nothing and load nothing (the plugin is in the CLI's default set).
    if (!settings) return;
    const [{ createS3Client }, { createS3Cache }] = await Promise.all([import('./client.js'), import('./s3-cache.js')]);
    const cache = createS3Cache({ client: await createS3Client(settings), ...settings });
    ctx.onDispose(() => cache.close());
    ctx.cacheBackends.add(cache);
  },
} satisfies PluginDefinition<CacheS3Options>;

export default plugin;
export type { CacheS3Options } from './options.js';
