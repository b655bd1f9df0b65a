import { z } from 'zod';

const regExpSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

/** The data fields of RunTestsOptions (callbacks and the signal are the caller's own and pass through). */
export const runOptionsSchema = z
  .object({
    paths: z.array(z.string()).optional(),
    runners: z.array(z.string().min(1)).optional(),
    projects: z.array(z.string().min(1)).optional(),
    testNamePattern: regExpSource.optional(),
    bail: z.union([z.boolean(), z.number().int().positive()]).optional(),
    retries: z.number().int().nonnegative().optional(),
    shard: z
      .object({ index: z.number().int().positive(), count: z.number().int().positive() })
      .refine((s) => s.index <= s.count, { message: 'index must not exceed count', path: ['index'] })
      .optional(),
    cache: z.boolean().optional(),
    silent: z.boolean().optional(),
    frameworkArgs: z.array(z.string()).optional(),
  })
  .loose();
