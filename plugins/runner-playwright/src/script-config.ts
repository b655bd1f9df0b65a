import { posix } from 'node:path';
import { scriptInvocations } from '@aqe/kernel/runner-kit';

/** The names Playwright looks for in a directory, in its own order: the first one present wins. */
export const CONFIG_NAMES = ['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs'].map((ext) => `playwright.config${ext}`);

/**
 * The config the package's `test` script runs Playwright with (`playwright test -c x`,
 * `--config x`, `--config=x`), relative to the package as `files` name it. Playwright takes a
 * file or a directory holding a playwright.config.*; a path that is neither among `files`
 * (a directory of tests run on Playwright's defaults, say) is not a config aqe can use.
 */
export function scriptConfig(packageJson: unknown, files: readonly string[]): string | undefined {
  for (const { args } of scriptInvocations(packageJson, (word) => word === 'playwright', { from: ['test'] })) {
    const words = args.map((word) => word.text);
    if (words[0] !== 'test') continue;
    const given = configArgument(words.slice(1));
    if (given === undefined) continue;
    const path = posix.normalize(given).replace(/\/+$/, '');
    if (path.startsWith('../') || posix.isAbsolute(path)) return undefined;
    if (files.includes(path)) return path;
    const dir = path === '.' ? '' : `${path}/`;
    return CONFIG_NAMES.map((name) => dir + name).find((file) => files.includes(file));
  }
  return undefined;
}

/** The last -c / --config value (Playwright takes the last), before a `--`. */
function configArgument(words: readonly string[]): string | undefined {
  let config: string | undefined;
  for (let at = 0; at < words.length && words[at] !== '--'; at++) {
    const word = words[at]!;
    if ((word === '-c' || word === '--config') && at + 1 < words.length) config = words[++at];
    else if (word.startsWith('--config=')) config = word.slice('--config='.length);
  }
  return config;
}
