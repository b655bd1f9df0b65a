import { parsePluginOptions } from '@aqe/kernel';

/** What users may write as `["@aqe/runner-bun", { ... }]` in the aqe config. */
export interface RunnerBunOptions {
  /** "jest": run the Jest suite's files under `bun test` on every `aqe run` (not only with `--runner bun`). */
  accelerate?: 'jest';
}

/** Checked up front (config values are untyped JSON) so a typo fails the plugin's setup with the option's path (AQE_PLUGIN_OPTIONS_INVALID). */
export function parseOptions(raw: unknown): Promise<RunnerBunOptions> {
  return parsePluginOptions((z) => z.object({ accelerate: z.enum(['jest']).optional() }), raw, {
    plugin: '@aqe/runner-bun',
    example: '{ "accelerate": "jest" }',
    fixes: { accelerate: 'Set "accelerate": "jest" to run the Jest suite under bun test on every aqe run, or leave it out' },
  });
}
