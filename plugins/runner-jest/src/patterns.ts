import picomatch from 'picomatch';

/**
 * SearchSource's test for a crawled path: it must match testMatch (when set) and
 * testRegex (when set). jest-config rejects a config that sets both, and with neither
 * set Jest treats every crawled file as a test, so this does too.
 */
export function testPathMatcher(testMatch: readonly string[], testRegex: readonly string[]): (path: string) => boolean {
  const byGlob = testMatch.length > 0 ? globsToMatcher(testMatch) : undefined;
  const regexes = testRegex.map((source) => new RegExp(source));
  return (path) => (!byGlob || byGlob(path)) && (regexes.length === 0 || regexes.some((regex) => regex.test(path)));
}

/**
 * The semantics of jest-util's globsToMatcher (Jest 30), which Jest applies to testMatch:
 * picomatch with dot files matched, against the absolute path with "/" separators. A
 * path is kept when a positive glob matches and no later negated glob rejects it; when
 * every glob is negated, a path is kept unless one of them rejects it.
 */
function globsToMatcher(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map((glob) => {
    const isMatch = picomatch(glob, { dot: true }, true);
    const name = nameGlob(glob);
    return { isMatch: name === undefined ? isMatch : onLastSegment(memoized(picomatch(name, { dot: true }))), negated: Boolean(isMatch.state.negated || isMatch.state.negatedExtglob) };
  });
  const allNegated = matchers.every((m) => m.negated);
  return (path) => {
    const posix = globPath(path);
    let kept: boolean | undefined;
    for (const { isMatch, negated } of matchers) {
      const matched = isMatch(posix);
      if (!matched && negated) kept = false;
      else if (matched && !negated) kept = true;
    }
    return allNegated ? kept !== false : kept === true;
  };
}

/**
 * For `**\/<name>` globs (Jest's default `**\/?(*.)+(spec|test).[jt]s?(x)` among them): the
 * part after `**\/`. Such a glob matches a normalised absolute path exactly when that part
 * matches its last segment, provided the part cannot match a "/" itself: no "/", no class but
 * of letters and digits (`[^x]` would match one), no escape and no negation. A repository repeats file names
 * across directories, so deciding once per name saves most of the regex work, and the
 * regex picomatch builds for `**` is the slow part of it.
 */
function nameGlob(glob: string): string | undefined {
  if (!glob.startsWith('**/')) return undefined;
  const name = glob.slice(3);
  // Classes of letters, digits, "_" and "." (`[jt]`, `[a-z]`) cannot match "/"; drop them before looking.
  const rest = name.replaceAll(/\[(?:[A-Za-z0-9](?:-[A-Za-z0-9])?|[_.])+\]/g, '');
  return /[/[\]\\!]/.test(rest) || name === '' || name === '**' ? undefined : name;
}

function memoized(isMatch: (name: string) => boolean): (name: string) => boolean {
  const verdicts = new Map<string, boolean>();
  return (name) => {
    let verdict = verdicts.get(name);
    if (verdict === undefined) {
      verdict = isMatch(name);
      verdicts.set(name, verdict);
    }
    return verdict;
  };
}

function onLastSegment(isMatch: (name: string) => boolean): (path: string) => boolean {
  return (path) => isMatch(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * When testMatch is only `**\/<name>` globs (and no testRegex), whether a path is a test
 * depends on its file name alone: this decides from the name, before any absolute path
 * is built. Otherwise undefined, and testPathMatcher decides.
 */
export function testNameMatcher(testMatch: readonly string[], testRegex: readonly string[]): ((name: string) => boolean) | undefined {
  if (testRegex.length > 0 || testMatch.length === 0) return undefined;
  const names = testMatch.map(nameGlob);
  if (names.some((name) => name === undefined)) return undefined;
  const matchers = names.map((name) => picomatch(name!, { dot: true }));
  const isTestName = memoized((name) => matchers.some((isMatch) => isMatch(name)));
  const byLastSegment = onLastSegment(isTestName);
  // Jest turns a backslash in a file name into a separator too, so its last segment decides.
  return (name) => (name.includes('\\') ? byLastSegment(globPath(name)) : isTestName(name));
}

/** jest-util's replacePathSepForGlob: backslashes become "/" (on every platform), escapes stay. */
function globPath(path: string): string {
  return path.replaceAll(/\\(?![$()+.?^{}])/g, '/');
}

/** jest-regex-util's escapeStrForRegex. */
export function escapeForRegex(text: string): string {
  return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, '\\$&');
}
