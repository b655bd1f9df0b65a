// Every path the harness uses, resolved from this file so `node benchmarks/run.mjs`
// works from any cwd (npm scripts run from the root, people run it from anywhere).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const benchDir = fileURLToPath(new URL('../', import.meta.url));
export const suitesDir = fileURLToPath(new URL('../suites/', import.meta.url));
export const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
export const baselinesDir = fileURLToPath(new URL('../baselines/', import.meta.url));
export const latestFile = fileURLToPath(new URL('../results/latest.json', import.meta.url));
export const compareFile = fileURLToPath(new URL('../results/compare.md', import.meta.url));

/** Built entry points; suites measure what users run, so never the TypeScript sources. */
export const kernelDist = fileURLToPath(new URL('../../kernel/dist/index.js', import.meta.url));
export const cliBin = fileURLToPath(new URL('../../cli/bin/run.js', import.meta.url));

/**
 * The published version of @aqe/kernel names the baseline file. Read from package.json
 * (what lerna bumps) rather than the built KERNEL_VERSION, so it is known before a build.
 */
export function kernelVersion() {
  const pkg = JSON.parse(readFileSync(new URL('../../kernel/package.json', import.meta.url), 'utf8'));
  return pkg.version;
}
