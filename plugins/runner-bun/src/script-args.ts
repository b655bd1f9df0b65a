import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scriptCommands } from '@aqe/kernel/runner-kit';

/** What the package's `bun test` script adds to a run: its options, and the paths that narrow its files. */
export interface BunTestScript {
  /** Options aqe passes on (`--preload ./setup.ts`, `--timeout 20000`…), as written. */
  options: string[];
  /** Positional words: `./x` or `/x` is a path (file or directory), anything else a substring of the path, as bun reads them. */
  filters: string[];
}

/** bun test options that take their value as the next word when not written `--flag=value`. */
const VALUE_OPTIONS = new Set([
  '--preload',
  '-r',
  '--require',
  '--import',
  '--timeout',
  '--rerun-each',
  '-t',
  '--test-name-pattern',
  '--reporter',
  '--reporter-outfile',
  '--coverage-reporter',
  '--coverage-dir',
  '--conditions',
  '--define',
  '-d',
  '--env-file',
  '--tsconfig-override',
  '--config',
  '-c',
  '--cwd',
  '--max-concurrency',
  '--seed',
  '--path-ignore-patterns',
  '--loader',
  '-l',
  '--main-fields',
  '--extension-order',
  '--jsx-factory',
  '--jsx-fragment',
  '--jsx-import-source',
  '--jsx-runtime',
]);
/** Options aqe decides itself (reporting, bail, name patterns) or that change what a run is (watching, coverage, snapshot updates, repeats). */
const DROPPED = new Set(['--watch', '--hot', '--coverage', '--coverage-reporter', '--coverage-dir', '--reporter', '--reporter-outfile', '--bail', '-u', '--update-snapshots', '--rerun-each', '-t', '--test-name-pattern', '--cwd']);

/** The first `bun test` of the package's scripts (the test script's first, through `bun run x`), or undefined. */
export function bunTestScript(packageJson: unknown): BunTestScript | undefined {
  const args = scriptCommands(packageJson, (word) => word === 'bun').find((argv) => argv[0] === 'test');
  return args ? splitArgs(args.slice(1)) : undefined;
}

/** Reads the package's package.json for bunTestScript; none or unreadable is no script. */
export function readBunTestScript(root: string): BunTestScript | undefined {
  try {
    return bunTestScript(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  } catch {
    return undefined;
  }
}

/** `args` as options to pass on and filters, dropping those in DROPPED (with their values). */
function splitArgs(args: readonly string[]): BunTestScript {
  const options: string[] = [];
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') {
      filters.push(...args.slice(i + 1));
      break;
    }
    if (!word.startsWith('-')) {
      filters.push(word);
      continue;
    }
    const name = word.split('=', 1)[0]!;
    const taken = !word.includes('=') && VALUE_OPTIONS.has(name) && i + 1 < args.length ? [word, args[++i]!] : [word];
    if (!DROPPED.has(name)) options.push(...taken);
  }
  return { options, filters };
}

/** Whether bun, given `filters` on its command line, runs `file` (relative POSIX path). */
export function passesFilters(file: string, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) => {
    // An absolute path is not read against the package here: it does not narrow.
    if (filter.startsWith('/')) return true;
    if (!filter.startsWith('./')) return file.includes(filter);
    const path = filter.replace(/^\.\//, '').replace(/\/+$/, '');
    return path === '' || path === '.' || file === path || file.startsWith(`${path}/`);
  });
}
