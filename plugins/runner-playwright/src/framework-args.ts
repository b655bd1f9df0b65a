/**
 * Options of `playwright test` that would take the run away from aqe: its reporter is how
 * results arrive, `--list` runs nothing, `--ui` and `--debug` wait for a person. Those that
 * take a value name how many words they use when the value is not joined with `=`.
 */
const DROPPED = new Map<string, number>([
  ['--reporter', 1],
  ['--list', 0],
  ['--ui', 0],
  ['--ui-host', 1],
  ['--ui-port', 1],
  ['--debug', 0],
]);

/**
 * The words after `--` on `aqe run` that go on `playwright test`'s command line, after aqe's
 * own (Playwright takes the last of a repeated option): all but the options above.
 */
export function frameworkArgs(words: readonly string[] | undefined): string[] {
  const kept: string[] = [];
  for (let at = 0; at < (words?.length ?? 0); at++) {
    const word = words![at]!;
    const name = word.split('=', 1)[0]!;
    const values = DROPPED.get(name);
    if (values === undefined) kept.push(word);
    else if (!word.includes('=')) at += values;
  }
  return kept;
}
