/**
 * The words after `--` on `aqe run … -- <args>` as options of the project's own Vitest
 * (child side, run-child.ts): parsed by Vitest's own CLI parser, so every flag `vitest run`
 * takes means the same here. Vitest 1.3 and later export it (`parseCLI`); 1.0–1.2 parse
 * with cac, the parser their CLI is built on.
 */
import { createRequire } from 'node:module';

export interface VitestNodeArgs {
  parseCLI?(argv: string[]): { filter: string[]; options: Record<string, unknown> };
}

interface CacLike {
  parse(argv: string[], options: { run: boolean }): { args: readonly string[]; options: Record<string, unknown> };
}

/**
 * Options aqe decides itself whatever the words say: its reporter streams the results, and
 * a run is one run (no watch, UI or merged reports). Positional filters are dropped too:
 * aqe names the files to run.
 */
const AQE_OWNS = ['reporter', 'reporters', 'outputFile', 'watch', 'run', 'ui', 'open', 'api', 'mergeReports', 'standalone', 'listTags', '--'];
/**
 * From the package's test script also what chooses files or extra work aqe decides itself
 * (--changed, --shard, --coverage, --bail): the config, root, projects and the rest apply.
 */
const SCRIPT_LEAVES = ['changed', 'related', 'shard', 'coverage', 'bail', 'passWithNoTests'];

/** The options of the package's test script's vitest command (testScriptArgs), for createVitest. */
export function parseScriptArgs(node: VitestNodeArgs, entry: string, args: readonly string[]): Record<string, unknown> {
  const options = parseFrameworkArgs(node, entry, args);
  return Object.fromEntries(Object.entries(options).filter(([key]) => !SCRIPT_LEAVES.includes(key)));
}

export function parseFrameworkArgs(node: VitestNodeArgs, entry: string, args: readonly string[]): Record<string, unknown> {
  if (args.length === 0) return {};
  let options: Record<string, unknown>;
  if (typeof node.parseCLI === 'function') {
    options = node.parseCLI(['vitest', 'run', ...args]).options;
  } else {
    const cac = createRequire(entry)('cac') as { cac(name: string): CacLike };
    options = cac.cac('vitest').parse(['node', 'vitest', ...args], { run: false }).options;
  }
  return Object.fromEntries(Object.entries(options).filter(([key]) => !AQE_OWNS.includes(key)));
}
