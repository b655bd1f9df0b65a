import { z } from 'zod';

const pluginSpec = z.union([z.string().min(1), z.tuple([z.string().min(1), z.record(z.string(), z.unknown())])]);

/** The user config schema; strict objects so an unknown key is an error, not ignored. */
export const userConfigSchema = z.strictObject({
  plugins: z.array(pluginSpec).optional(),
  strict: z.boolean().optional(),
  hookTimeoutMs: z.number().int().positive().optional(),
  storeDir: z.string().min(1).optional(),
  discoverInstalled: z.boolean().optional(),
  disable: z.array(z.string().min(1)).optional(),
});

export const CONFIG_KEYS = Object.keys(userConfigSchema.shape).sort();
