import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** Variables a surrounding Vitest or Jest (aqe's own tests, or aqe run from a test) sets for its workers; the project's must not inherit them. */
const PARENT_RUNNER_ENV = ['VITEST', 'VITEST_MODE', 'VITEST_WORKER_ID', 'VITEST_POOL_ID', 'JEST_WORKER_ID'];

/**
 * The environment `npm test` gives a package's test script: every `node_modules/.bin` from
 * the package directory up to the filesystem root first on PATH (a workspace package finds
 * the bins hoisted to the workspace root, a Playwright `webServer: 'vite preview'` finds
 * vite), `npm_package_name`/`npm_package_version` when known, and `NODE_ENV` left as it is.
 */
export function frameworkEnv(cwd: string, options: { base?: NodeJS.ProcessEnv; packageJson?: Record<string, unknown>; extra?: NodeJS.ProcessEnv } = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...(options.base ?? process.env) };
  for (const name of PARENT_RUNNER_ENV) delete env[name];
  const bins: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    const bin = join(dir, 'node_modules', '.bin');
    if (existsSync(bin)) bins.push(bin);
    if (dirname(dir) === dir) break;
  }
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const current = (env[pathKey] ?? '').split(delimiter).filter((entry) => entry !== '' && !bins.includes(entry));
  env[pathKey] = [...bins, ...current].join(delimiter);
  const pkg = options.packageJson;
  if (pkg && typeof pkg.name === 'string') env.npm_package_name = pkg.name;
  if (pkg && typeof pkg.version === 'string') env.npm_package_version = pkg.version;
  env.INIT_CWD ??= cwd;
  return { ...env, ...options.extra };
}
