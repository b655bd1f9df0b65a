import { join, relative, resolve, sep } from 'node:path';
import { scriptCommands } from '@aqe/kernel/runner-kit';
import { findConfigFile } from './config-files.js';

/**
 * What the package's test script gives Vitest (`vitest run --config x` → `['--config', 'x']`),
 * so that aqe loads the config `npm test` loads; the subcommand is left out (aqe always runs
 * once). Empty when the test script runs no vitest itself.
 */
export function testScriptArgs(packageJson: unknown): string[] {
  const args = scriptCommands(packageJson, (word) => word === 'vitest', { from: ['test'] })[0] ?? [];
  return SUBCOMMANDS.has(args[0] ?? '') ? args.slice(1) : args;
}

const SUBCOMMANDS = new Set(['run', 'watch', 'dev']);

/**
 * The config file those words make Vitest load, relative to the package (POSIX), for
 * detection to name: `--config` (relative to `--root` when both are given, as Vitest
 * resolves it), else the config Vitest finds from `--root`. Undefined when they name neither.
 */
export function scriptConfigFile(root: string, args: readonly string[]): string | undefined {
  const config = optionValue(args, '--config', '-c');
  const base = resolve(root, optionValue(args, '--root', '-r') ?? '.');
  if (config === undefined && base === resolve(root)) return undefined;
  const file = config === undefined ? findConfigFile(base) : join(base, config);
  return file === undefined ? undefined : relative(root, file).split(sep).join('/');
}

/** The last value of a `--name x`, `--name=x`, `-n x` or `-n=x` option, as cac takes it. */
function optionValue(args: readonly string[], long: string, short: string): string | undefined {
  let value: string | undefined;
  args.forEach((word, i) => {
    for (const flag of [long, short]) {
      if (word === flag && i + 1 < args.length) value = args[i + 1];
      else if (word.startsWith(`${flag}=`)) value = word.slice(flag.length + 1);
    }
  });
  return value;
}
