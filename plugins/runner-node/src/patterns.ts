// Node's rules for which files `node --test` runs when it is given no paths.
//
// Node 20 (lib/internal/test_runner/runner.js, processPath): walk the working directory,
// skip node_modules, and run a .js/.cjs/.mjs file when its basename matches `^test$`,
// `^test-.+` or `.+[.\-_]test$` (before the extension), or when it is anywhere under a
// directory named `test` (the working directory itself counts). Dot directories are walked
// like any other.
//
// Node 21+ (lib/internal/test_runner/utils.js, kDefaultPattern): the glob
// `**/{test,test/**/*,test-*,*[._-]test}.{js,mjs,cjs}` with node_modules excluded, plus
// ts/mts/cts while type stripping is on. Node's glob does not match dot files or enter dot
// directories, and `*` may be empty (`-test.js` runs there, not on Node 20).

const LEGACY_NAME = /^(?:test(?:-.+)?|.+[.\-_]test)\.[cm]?js$/;
const LEGACY_EXTENSION = /\.[cm]?js$/;

/** Node 20. `underTestDir`: the walk started inside a directory named test. */
export function isLegacyDefaultTest(path: string, underTestDir: boolean): boolean {
  const parts = path.split('/');
  const base = parts.pop()!;
  if (LEGACY_NAME.test(base)) return true;
  return LEGACY_EXTENSION.test(base) && (underTestDir || parts.includes('test'));
}

export const JS_EXTENSIONS = ['js', 'mjs', 'cjs'];
export const TS_EXTENSIONS = ['ts', 'mts', 'cts'];

/** Node 21+: the default glob, written out as the predicate it amounts to. */
export function isGlobDefaultTest(path: string, extensions: readonly string[]): boolean {
  const parts = path.split('/');
  if (parts.some((part) => part.startsWith('.'))) return false;
  const base = parts.pop()!;
  const dot = base.lastIndexOf('.');
  if (dot < 1 || !extensions.includes(base.slice(dot + 1))) return false;
  const name = base.slice(0, dot);
  return name === 'test' || name.startsWith('test-') || /[._-]test$/.test(name) || parts.includes('test');
}
