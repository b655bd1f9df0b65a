import { describe, expect, it, vi } from 'vitest';
import { CacheError, ErrorCodes } from '../errors.js';
import { parsePluginOptions, type Zod } from './plugin-options.js';

const schema = (z: Zod) =>
  z.object({
    ttlMs: z.number().positive().describe('a positive number of milliseconds').optional(),
    mode: z.enum(['fast', 'safe']).optional(),
    name: z.string().min(1).optional(),
    nested: z.strictObject({ depth: z.number().int() }).optional(),
  });
const plugin = { plugin: '@acme/aqe-demo', example: '{ "ttlMs": 60000 }' };

describe('parsePluginOptions', () => {
  it.each([
    [{ ttlMs: 1000 }, { ttlMs: 1000 }],
    [
      { mode: 'safe', nested: { depth: 2 } },
      { mode: 'safe', nested: { depth: 2 } },
    ],
    [{ ttlMs: undefined }, {}],
  ])('accepts %j', async (raw, expected) => {
    expect(await parsePluginOptions(schema, raw, plugin)).toEqual(expected);
  });

  it('answers no options without building the schema (zod is never loaded for them)', async () => {
    const factory = vi.fn(schema);
    for (const raw of [undefined, null, {}]) expect(await parsePluginOptions(factory, raw, plugin)).toEqual({});
    expect(factory).not.toHaveBeenCalled();
  });

  // What users read: the option's path, what it must be, what it was; the fix; a stable code.
  it.each([
    [{ ttlMs: 0 }, 'options.ttlMs must be a positive number of milliseconds, received 0', 'Fix "ttlMs" in the @acme/aqe-demo options, or leave it out'],
    [{ ttlMs: '1h' }, 'options.ttlMs must be a positive number of milliseconds, received "1h"', 'Fix "ttlMs"'],
    [{ ttlMs: Number.POSITIVE_INFINITY }, 'received Infinity', 'Fix "ttlMs"'],
    [{ mode: 'quick' }, 'options.mode must be "fast" or "safe", received "quick"', 'Fix "mode"'],
    [{ name: '' }, 'options.name must be a non-empty string, received ""', 'Fix "name"'],
    [{ name: 3 }, 'options.name must be a string, received 3', 'Fix "name"'],
    [{ nested: { depth: 1.5 } }, 'options.nested.depth must be an int, received 1.5', 'Fix "nested"'],
    [{ ttl: 5 }, 'unknown option "ttl"', '@acme/aqe-demo accepts only: ttlMs, mode, name, nested'],
    [{ ttl: 5, nested: { deep: 1, depth: 1 } }, 'unknown option "nested.deep"; unknown option "ttl"', 'Fix "nested"'],
    [[], 'options must be an object, received an array', 'Write ["@acme/aqe-demo", { "ttlMs": 60000 }] in the aqe config'],
    ['fast', 'options must be an object, received string', 'Write ["@acme/aqe-demo"'],
  ])('rejects %j with AQE_PLUGIN_OPTIONS_INVALID', async (raw, message, fix) => {
    const error = await parsePluginOptions(schema, raw, plugin).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.PLUGIN_OPTIONS_INVALID });
    expect((error as Error).message).toContain(message);
    expect((error as { fix: string }).fix).toContain(fix);
  });

  it('names every bad option at once, with the fix for the first', async () => {
    const error = await parsePluginOptions(schema, { ttlMs: -1, mode: 'x' }, plugin).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringContaining('received -1; options.mode must be "fast" or "safe"'), fix: expect.stringContaining('Fix "ttlMs"') });
  });

  it("throws the plugin's own error, with its fixes", async () => {
    const toError = (message: string, fix: string) => new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, 'demo', message, fix);
    const error = await parsePluginOptions(schema, { ttlMs: -1 }, { ...plugin, toError, fixes: { ttlMs: 'Set ttlMs to 86400000 (one day)' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheError);
    expect(error).toMatchObject({ code: 'AQE_CACHE_CONFIG_INVALID', tier: 'demo', fix: 'Set ttlMs to 86400000 (one day)' });
  });

  it('takes only schemas whose options are all optional (an absent option is never an error)', async () => {
    // @ts-expect-error — `url` is required: defaults and environment fallbacks come after parsing
    await expect(parsePluginOptions((z) => z.object({ url: z.string() }), {}, plugin)).resolves.toEqual({});
  });
});
