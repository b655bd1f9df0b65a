/**
 * Which test printed each of a file's console entries. Jest buffers a file's console (its
 * BufferedConsole) and hands it over with the file's result, each entry with where it was
 * called (`origin`): "path:line" until Jest 24, a stack from Jest 25. The test whose body
 * holds that place in the test file printed it; what no test holds (module scope, hooks
 * outside the tests, a place shared by several tests as `test.each` declares them) stays
 * on the file. Used by reporter.cts, in Jest's process.
 */

/** A place in the test file: 1-based line, and column when Jest gave one. */
interface Position {
  line: number;
  column?: number;
}

/** A test of the file as attribution needs it: where it is declared, and whether it ran. */
interface DeclaredTest {
  location?: { line: number; column: number } | null;
  ran: boolean;
}

interface ConsoleEntry<Output> {
  origin?: unknown;
  output: Output;
}

/** `path:line` or `path:line:column` at the end of a stack frame or of Jest 22–24's origin. */
const PLACE = /^\s*(?:at (?:.*\()?)?(.+?):(\d+)(?::(\d+))?\)?$/;

/**
 * Each test's entries (by index in `tests`) and the file's own, in the order they were
 * printed. `source` is the test file's text (the places are the source's, as Jest
 * source-maps them), used to end a test's body where its code ends; undefined when
 * unreadable, then a test's body ends where the next test starts.
 */
function attributeConsole<Output>(path: string, source: string | undefined, tests: readonly DeclaredTest[], entries: readonly ConsoleEntry<Output>[]): { tests: Output[][]; file: Output[] } {
  const byTest: Output[][] = tests.map(() => []);
  const file: Output[] = [];
  const bodies = testBodies(tests, source?.split('\n'));
  for (const entry of entries) {
    const place = placeInFile(entry.origin, path);
    const owners = place ? bodies.filter((body) => !isBefore(place, body.start) && isBefore(place, body.end)) : [];
    // One body, one test that ran: several tests declared at one place (test.each) cannot be told apart.
    const owner = owners.length === 1 && tests[owners[0]!.index]!.ran ? owners[0]!.index : undefined;
    if (owner === undefined) file.push(entry.output);
    else byTest[owner]!.push(entry.output);
  }
  return { tests: byTest, file };
}

/** The first place of the origin that is in the test file (a helper's own lines are not). */
function placeInFile(origin: unknown, path: string): Position | undefined {
  if (typeof origin !== 'string') return undefined;
  for (const line of origin.split('\n')) {
    const match = PLACE.exec(line);
    if (match?.[1] !== path) continue;
    return { line: Number(match[2]), ...(match[3] ? { column: Number(match[3]) } : {}) };
  }
  return undefined;
}

interface Body {
  index: number;
  start: Position;
  /** Exclusive. */
  end: Position;
}

/**
 * Each declared test's body: from its declaration to the next test's declaration, cut
 * short where the source's indentation says the test's call has ended (a hook or module
 * code after a block's last test is not that test's).
 */
function testBodies(tests: readonly DeclaredTest[], lines: string[] | undefined): Body[] {
  const declared = tests.flatMap((test, index) => (test.location ? [{ index, start: { line: test.location.line, column: test.location.column } }] : []));
  const starts = [...new Set(declared.map((d) => `${d.start.line}:${d.start.column}`))].map((key) => key.split(':').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return declared.map(({ index, start }) => {
    const next = starts.find(([line, column]) => line > start.line || (line === start.line && column > start.column!));
    const bound: Position = next ? { line: next[0], column: next[1] } : { line: Number.POSITIVE_INFINITY };
    const ended = lines ? endByIndentation(lines, start.line) : undefined;
    return { index, start, end: ended && ended.line <= bound.line ? ended : bound };
  });
}

/**
 * The first line after `line` (1-based) indented no deeper than it, as formatted code closes
 * a call: a closing line (`});`, `}, 10_000);`) is still the test's, any other is not. The
 * returned position is exclusive.
 */
function endByIndentation(lines: readonly string[], line: number): Position | undefined {
  const indent = indentation(lines[line - 1]);
  if (indent === undefined) return undefined;
  for (let i = line; i < lines.length; i++) {
    const text = lines[i]!;
    const depth = indentation(text);
    if (depth === undefined || depth > indent) continue;
    return /^\s*[)}\]]/.test(text) ? { line: i + 2 } : { line: i + 1 };
  }
  return undefined;
}

/** Leading whitespace of a line with code, undefined for a blank one. */
function indentation(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return text.length - text.trimStart().length;
}

/**
 * a comes before b. Without a column on either side (Jest 22–24 give the line alone), places
 * on one line are not before each other: a test declared on the line holds it, the next
 * test's declaration ends the body before it.
 */
function isBefore(a: Position, b: Position): boolean {
  if (a.line !== b.line) return a.line < b.line;
  return a.column !== undefined && b.column !== undefined && a.column < b.column;
}

export = { attributeConsole, placeInFile };
