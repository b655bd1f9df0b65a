/** What users may write as `["@aqe/runner-bun", { ... }]` in the aqe config. */
export interface RunnerBunOptions {
  /** "jest": run the Jest suite's files under `bun test` on every `aqe run` (not only with `--runner bun`). */
  accelerate?: 'jest';
}

const KEYS = ['accelerate'];
const ACCELERATED = ['jest'];

/** Checks the options up front (config values are untyped JSON) so a typo fails the plugin's setup with the option's path. */
export function parseOptions(raw: unknown): RunnerBunOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new TypeError(`options must be an object such as { "accelerate": "jest" }, received ${Array.isArray(raw) ? 'an array' : typeof raw}`);
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key)) throw new TypeError(`unknown option "${key}"; @aqe/runner-bun accepts only: ${KEYS.join(', ')}`);
  }
  if (o.accelerate === undefined) return {};
  if (typeof o.accelerate !== 'string' || !ACCELERATED.includes(o.accelerate)) {
    throw new TypeError(`options.accelerate must be ${ACCELERATED.map((id) => `"${id}"`).join(' or ')}, received ${JSON.stringify(o.accelerate)}`);
  }
  return { accelerate: o.accelerate as 'jest' };
}
