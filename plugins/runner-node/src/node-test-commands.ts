import { type ShellWord, scriptInvocations } from '@aqe/kernel/runner-kit';

/** One `node --test` in a package.json script. */
export interface NodeTestCommand {
  script: string;
  /** The test paths or patterns after the options; none means Node's defaults. */
  args: ShellWord[];
  /** Set when the command turns type stripping on or off; otherwise the Node version decides. */
  stripTypes?: boolean;
  /** The Node options before the paths, as written (`--test` included): `run` passes them on. */
  options: string[];
  /** `NAME=value` words before `node` (also after `cross-env`/`env`): the command's environment. */
  env: Record<string, string>;
}

/** Node options that take their value as the next word when not written `--flag=value`. */
const VALUE_OPTIONS = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--input-type',
  '--env-file',
  '--env-file-if-exists',
  '--experimental-config-file',
  '--disable-warning',
  '--inspect-port',
  '--watch-path',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-concurrency',
  '--test-timeout',
  '--test-shard',
  '--test-isolation',
  '--experimental-test-isolation',
  '--test-global-setup',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--test-coverage-branches',
  '--test-coverage-functions',
  '--test-coverage-lines',
]);
const STRIP_ON = new Set(['--experimental-strip-types', '--experimental-transform-types', '--strip-types']);
const STRIP_OFF = new Set(['--no-experimental-strip-types', '--no-strip-types']);

/**
 * Every `node ... --test ...` in the scripts, the `test` script's first (scriptInvocations:
 * also behind wrappers such as `cross-env X=1 node` or `c8 node`, and through `npm run x`).
 * Options end at the first positional word, as for Node itself: `node a.js --test` runs a.js,
 * it does not start the test runner.
 */
export function findNodeTestCommands(packageJson: unknown): NodeTestCommand[] {
  const found: NodeTestCommand[] = [];
  for (const { script, args, env } of scriptInvocations(packageJson, (word) => word === 'node')) {
    const command = readNodeCommand(script, args);
    if (command) found.push({ ...command, env });
  }
  return found;
}

function readNodeCommand(script: string, words: ShellWord[]): Omit<NodeTestCommand, 'env'> | undefined {
  let test = false;
  let stripTypes: boolean | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.text;
    const options = () => words.slice(0, i).map((w) => w.text);
    if (word === '--') return test ? command(script, words.slice(i + 1), stripTypes, options()) : undefined;
    if (!word.startsWith('-') || word === '-') return test ? command(script, words.slice(i), stripTypes, options()) : undefined;
    const name = word.split('=', 1)[0]!;
    if (name === '--test') test = true;
    else if (STRIP_ON.has(name)) stripTypes = true;
    else if (STRIP_OFF.has(name)) stripTypes = false;
    if (!word.includes('=') && VALUE_OPTIONS.has(name)) i++;
  }
  return test
    ? command(
        script,
        [],
        stripTypes,
        words.map((w) => w.text),
      )
    : undefined;
}

function command(script: string, args: ShellWord[], stripTypes: boolean | undefined, options: string[]): Omit<NodeTestCommand, 'env'> {
  return { script, args, ...(stripTypes === undefined ? {} : { stripTypes }), options };
}
