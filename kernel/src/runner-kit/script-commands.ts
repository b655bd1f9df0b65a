import { type ShellWord, splitScript } from './shell-words.js';

/** One invocation of a framework's command in a package.json script. */
export interface ScriptInvocation {
  /** The script whose text holds the invocation. */
  script: string;
  /** The words after the command name, as the framework receives them (quoting kept for globs). */
  args: ShellWord[];
  /** `NAME=value` words before the command (also after `cross-env`/`env`): its environment. */
  env: Record<string, string>;
}

export interface ScriptReading {
  /** Read only these scripts and what they run (`['test']`: what `npm test` does); default: `test`, then every script. */
  from?: readonly string[];
}

/** How deep `npm run other` chains are followed; each script is read once anyway. */
const MAX_DEPTH = 3;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
/** Commands that set variables and run the rest: `cross-env A=1 npm run x` still runs script x. */
const ENV_SETTERS = new Set(['cross-env', 'env']);

/**
 * The argv (words after the command name) of every invocation of a framework in the
 * package's scripts: see {@link scriptInvocations}. `isCommand` gets each word's base name
 * (`./node_modules/.bin/jest` → `jest`).
 */
export function scriptCommands(packageJson: unknown, isCommand: (word: string) => boolean, options: ScriptReading = {}): string[][] {
  return scriptInvocations(packageJson, isCommand, options).map((found) => found.args.map((word) => word.text));
}

/**
 * Every invocation of a framework in the package's scripts, the `test` script's first (what
 * `npm test` runs decides the config), then the other scripts' in their order. A command
 * naming another script (`npm run x`, `npm test`, `pnpm x`, `yarn run x`, `bun run x`) is
 * followed there, with words after `--` appended as npm does. Within a command the first word
 * whose base name `isCommand` accepts is the command, so prefixes such as `npx`, `pnpm exec`,
 * `yarn`, `cross-env A=1`, `FOO=1` or `c8` are passed over; `&&`, `||`, `;` and `|` separate
 * commands. Variables and substitutions are not expanded.
 */
export function scriptInvocations(packageJson: unknown, isCommand: (word: string) => boolean, options: ScriptReading = {}): ScriptInvocation[] {
  const scripts = scriptsOf(packageJson);
  const found: ScriptInvocation[] = [];
  const read = new Set<string>();
  const visit = (script: string, depth: number, tail: readonly ShellWord[]) => {
    const body = scripts.get(script);
    if (body === undefined || read.has(script)) return;
    read.add(script);
    const commands = splitScript(body);
    commands.forEach((words, index) => {
      const all = index === commands.length - 1 ? [...words, ...tail] : words;
      const other = depth < MAX_DEPTH ? scriptReference(all, scripts) : undefined;
      if (other) {
        visit(other.script, depth + 1, other.tail);
        return;
      }
      const at = all.findIndex((word) => isCommand(baseName(word.text)));
      if (at !== -1) found.push({ script, args: all.slice(at + 1), env: assignments(all.slice(0, at)) });
    });
  };
  for (const script of options.from ?? ['test', ...scripts.keys()]) visit(script, 0, []);
  return found;
}

function scriptsOf(packageJson: unknown): Map<string, string> {
  const scripts = typeof packageJson === 'object' && packageJson !== null ? (packageJson as { scripts?: unknown }).scripts : undefined;
  if (typeof scripts !== 'object' || scripts === null) return new Map();
  return new Map(Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The package's script a command runs, when it runs one, and the words after its `--`. */
function scriptReference(words: readonly ShellWord[], scripts: ReadonlyMap<string, string>): { script: string; tail: ShellWord[] } | undefined {
  const start = words.findIndex((word) => !ASSIGNMENT.test(word.text) && !ENV_SETTERS.has(word.text));
  if (start === -1) return undefined;
  const tool = baseName(words[start]!.text);
  const rest = words.slice(start + 1);
  const end = rest.findIndex((word) => word.text === '--');
  const named = (end === -1 ? rest : rest.slice(0, end)).map((word) => word.text).filter((text) => !text.startsWith('-'));
  const tail = end === -1 ? [] : rest.slice(end + 1);
  const script = referencedScript(tool, named[0], named[1]);
  if (script === undefined || !scripts.has(script)) return undefined;
  return { script, tail };
}

function referencedScript(tool: string, first: string | undefined, second: string | undefined): string | undefined {
  if (first === 'run' || first === 'run-script') return tool === 'npm' || tool === 'pnpm' || tool === 'yarn' || tool === 'bun' ? second : undefined;
  // `bun test` is Bun's test runner, not the script; pnpm and yarn run a script named as their first word.
  if (tool === 'npm') return first === 'test' || first === 't' ? 'test' : undefined;
  return tool === 'pnpm' || tool === 'yarn' ? first : undefined;
}

function baseName(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

function assignments(words: readonly ShellWord[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { text } of words) {
    const match = ASSIGNMENT.exec(text);
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}
