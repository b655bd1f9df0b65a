import { scriptCommands } from '@aqe/kernel/runner-kit';

/** The names Jest's resolveConfigPath tries in a project root, in its order of preference. */
export const CONFIG_NAMES = ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.mts', 'jest.config.cts', 'jest.config.json'];

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
// `jest` as a command in a script ("jest", "jest --ci", "cross-env X=1 jest"), not "jest-junit" or "myjest".
const JEST_COMMAND = /(^|[\s;&|(])jest(?=$|[\s;&|)])/;

/** `files`: the root's file names are enough, Jest's config names are root-level. */
export function isJestProject(files: readonly string[], pkg: Record<string, unknown> = {}): boolean {
  return CONFIG_NAMES.some((name) => files.includes(name)) || 'jest' in pkg || dependsOnJest(pkg) || scriptRunsJest(pkg);
}

function dependsOnJest(pkg: Record<string, unknown>): boolean {
  return DEP_FIELDS.some((field) => {
    const deps = pkg[field];
    return typeof deps === 'object' && deps !== null && 'jest' in deps;
  });
}

function scriptRunsJest(pkg: Record<string, unknown>): boolean {
  const scripts = pkg.scripts;
  if (typeof scripts !== 'object' || scripts === null) return false;
  return Object.values(scripts).some((script) => typeof script === 'string' && JEST_COMMAND.test(script));
}

/**
 * The config `npm test` gives jest (`jest --config scripts/jest.config.js`, `-c=...`), as the
 * first jest invocation of the package's scripts names it (the test script's first, followed
 * through `npm run`), relative to the package as written there. Undefined when no script runs
 * jest or it names no config file (an inline JSON config is left to Jest's own lookup).
 */
export function scriptConfig(pkg: Record<string, unknown> = {}): string | undefined {
  const [args] = scriptCommands(pkg, (word) => word === 'jest');
  for (let i = 0; args && i < args.length; i++) {
    const option = /^(?:--config|-c)(?:=(.*))?$/s.exec(args[i]!);
    if (!option) continue;
    const value = option[1] ?? args[i + 1] ?? '';
    return value === '' || value.startsWith('{') ? undefined : value;
  }
  return undefined;
}
