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
    return { isMatch, negated: Boolean(isMatch.state.negated || isMatch.state.negatedExtglob) };
  });
  const allNegated = matchers.every((m) => m.negated);
  return (path) => {
    const posix = path.replaceAll(/\\(?![$()+.?^{}])/g, '/');
    let kept: boolean | undefined;
    for (const { isMatch, negated } of matchers) {
      const matched = isMatch(posix);
      if (!matched && negated) kept = false;
      else if (matched && !negated) kept = true;
    }
    return allNegated ? kept !== false : kept === true;
  };
}

/** jest-regex-util's escapeStrForRegex. */
export function escapeForRegex(text: string): string {
  return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, '\\$&');
}
