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
  agents: z
    .strictObject({
      minThreads: z.number().int().nonnegative().optional(),
      maxThreads: z.number().int().positive().optional(),
      idleTimeoutMs: z.number().int().nonnegative().optional(),
      taskTimeoutMs: z.number().int().positive().optional(),
      maxOldGenerationSizeMb: z.number().int().positive().optional(),
    })
    .refine((a) => a.minThreads === undefined || a.maxThreads === undefined || a.minThreads <= a.maxThreads, { message: 'minThreads must not exceed maxThreads', path: ['minThreads'] })
    .optional(),
  cache: z
    .strictObject({
      enabled: z.boolean().optional(),
      env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')).optional(),
      ttlMs: z.number().int().positive().optional(),
      timeoutMs: z.number().int().positive().optional(),
    })
    .optional(),
});

export const CONFIG_KEYS = Object.keys(userConfigSchema.shape).sort();
