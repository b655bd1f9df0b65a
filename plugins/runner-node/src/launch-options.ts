import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeTestCommands, type NodeTestCommand } from './node-test-commands.js';

export interface LaunchOptions {
  /** Node options from the project's script that shape how tests run (loaders, timeouts, flags). */
  nodeOptions: string[];
  /** The script's `NAME=value` assignments. */
  env: Record<string, string>;
  /** Where the options came from (`scripts.test`), for messages. */
  script?: string;
  /** The package.json read, for the environment `npm test` gives (npm_package_name…). */
  packageJson?: Record<string, unknown>;
}

/** Options aqe sets itself, or that would change what a run is (watching, coverage, sharding, a debugger). */
const DROPPED = [
  '--test',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-shard',
  '--watch',
  '--watch-path',
  '--watch-preserve-output',
  '--experimental-test-coverage',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--test-coverage-branches',
  '--test-coverage-functions',
  '--test-coverage-lines',
  '--inspect',
  '--inspect-brk',
  '--inspect-wait',
  '--inspect-port',
  '--debug-port',
  // Snapshots are compared, never rewritten, by a run.
  '--test-update-snapshots',
  // aqe tells files apart by the process Node gives each; without isolation there is none (22.8+).
  '--test-isolation',
  '--experimental-test-isolation',
];
/** Dropped when aqe passes its own name patterns (-t, retries): Node ORs patterns. */
const PATTERNS = ['--test-name-pattern', '--test-skip-pattern'];
const WITH_VALUE = new Set([
  '--test-isolation',
  '--experimental-test-isolation',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-shard',
  '--watch-path',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--test-coverage-branches',
  '--test-coverage-functions',
  '--test-coverage-lines',
  '--inspect-port',
  '--debug-port',
  ...PATTERNS,
]);

/**
 * How the project runs `node --test`: the options and environment of its script, so that a
 * project testing through `node --import tsx --test` runs under tsx here too. With several
 * scripts, the one named `test` wins, else the first; the scripts' paths are not used (aqe
 * passes the files).
 */
export function launchOptions(root: string): LaunchOptions {
  let packageJson: Record<string, unknown>;
  try {
    packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return { nodeOptions: [], env: {} };
  }
  // The test script's command comes first: it is what `npm test` runs.
  const chosen: NodeTestCommand | undefined = findNodeTestCommands(packageJson)[0];
  if (!chosen) return { nodeOptions: [], env: {}, packageJson };
  return { nodeOptions: chosen.options, env: chosen.env, script: chosen.script, packageJson };
}

/** The script's options without those aqe sets or drops; `withPatterns`: aqe passes name patterns. */
export function runOptions(options: readonly string[], withPatterns: boolean): string[] {
  const dropped = withPatterns ? [...DROPPED, ...PATTERNS] : DROPPED;
  const out: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const word = options[i]!;
    const name = word.split('=', 1)[0]!;
    if (dropped.includes(name)) {
      if (!word.includes('=') && WITH_VALUE.has(name)) i++;
      continue;
    }
    out.push(word);
    if (!word.includes('=') && WITH_VALUE.has(name) && i + 1 < options.length) out.push(options[++i]!);
  }
  return out;
}
