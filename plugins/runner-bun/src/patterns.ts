import { posix } from 'node:path';
import picomatch from 'picomatch';

/** Bun's default loader for each extension whose loader is JavaScript-like (js, jsx, ts, tsx). */
const DEFAULT_LOADERS: Record<string, string> = { '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx', '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx' };
const JS_LIKE = new Set(['js', 'jsx', 'ts', 'tsx']);
/** What a file name must end with before its extension (bun's Scanner.test_name_suffixes). */
const TEST_SUFFIXES = ['.test', '_test', '.spec', '_spec'];

/**
 * Bun's Scanner rules for a file name, compared lower-cased as Bun does: the extension's
 * loader (defaults, overridden by bunfig's [loader] table) must be JavaScript-like and,
 * when scanning a directory, the name without extension must end with a test suffix.
 * So `*.test.{js,jsx,ts,tsx}` as documented, plus mjs/cjs/mts/cts and custom loaders.
 */
export function testNameRules(loaders: Record<string, string>): { isJsLike(name: string): boolean; isTestName(name: string): boolean } {
  const table = { ...DEFAULT_LOADERS, ...loaders };
  const isJsLike = (name: string) => {
    const ext = posix.extname(name.toLowerCase());
    return ext.length > 1 && JS_LIKE.has(table[ext] ?? '');
  };
  const isTestName = (name: string) => {
    if (!isJsLike(name)) return false;
    const lower = name.toLowerCase();
    const stem = lower.slice(0, lower.length - posix.extname(lower).length);
    return TEST_SUFFIXES.some((suffix) => stem.endsWith(suffix));
  };
  return { isJsLike, isTestName };
}

/**
 * `[test] pathIgnorePatterns`: globs matched against project-relative paths of files and
 * of directories (a matching directory is not entered). picomatch with dot files matched
 * agrees with Bun 1.4 on the usual forms ("dir/**", "**\/name/**", "**\/*.e2e.test.ts",
 * "dir", "a/*\/c"); Bun's own scanner differs on degenerate ones such as "*", "**" or a
 * leading "!". A leading "./" never matches in Bun (paths have none), so not here either,
 * though picomatch would strip it.
 */
export function ignoreMatcher(patterns: readonly string[]): ((relPath: string) => boolean) | undefined {
  const matchers = patterns.filter((pattern) => !pattern.startsWith('./')).map((pattern) => picomatch(pattern, { dot: true }));
  if (matchers.length === 0) return undefined;
  return (relPath) => matchers.some((isMatch) => isMatch(relPath));
}
