import { z } from 'zod';

// Only `id` is needed to match a test; the rest documents why it is there, so a hand-written entry may leave it out.
export const quarantineSchema = z.strictObject({
  version: z.literal(1),
  tests: z.array(
    z.strictObject({
      id: z.string().min(1),
      file: z.string().optional(),
      titlePath: z.array(z.string()).optional(),
      reason: z.string().optional(),
      since: z.string().optional(),
    }),
  ),
});
