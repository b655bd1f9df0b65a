import { CacheError, ErrorCodes, parsePluginOptions } from '@aqe/kernel';

/** What users may write as `["@aqe/cache-lmdb", { ... }]` in the aqe config. */
export interface CacheLmdbOptions {
  /** Default time to live of an entry in milliseconds; entries never expire when absent. */
  ttlMs?: number;
}

/** Checked up front (config values are untyped JSON) so a typo fails the plugin's setup with the option's path, instead of silently caching forever. */
export function parseOptions(raw: unknown): Promise<CacheLmdbOptions> {
  return parsePluginOptions((z) => z.object({ ttlMs: z.number().positive().describe('a positive number of milliseconds').optional() }), raw, {
    plugin: '@aqe/cache-lmdb',
    example: '{ "ttlMs": 86400000 }',
    fixes: { ttlMs: 'Set ttlMs to a number such as 86400000 (one day), or leave it out to keep entries until `aqe cache clear`' },
    toError: (message, fix) => new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 'lmdb', message, fix),
  });
}
