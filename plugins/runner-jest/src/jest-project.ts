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
 * The config the package's `test` script gives jest (`jest --config scripts/jest.config.js`,
 * `-c=...`), relative to the package as written there: `npm test` runs Jest with it and no
 * other. Undefined when the script runs no jest directly or names no config file (an inline
 * JSON config is left to Jest's own lookup).
 */
export function scriptConfig(pkg: Record<string, unknown> = {}): string | undefined {
  const scripts = pkg.scripts;
  const script = typeof scripts === 'object' && scripts !== null ? (scripts as Record<string, unknown>).test : undefined;
  if (typeof script !== 'string') return undefined;
  const words = script.trim().split(/\s+/);
  for (let i = words.indexOf('jest') + 1; i > 0 && i < words.length; i++) {
    const word = words[i]!;
    // The jest command ends where the shell starts another.
    if (/^(?:&&|\|\|?|;)$/.test(word)) break;
    const option = /^(?:--config|-c)(?:=(.*))?$/.exec(word);
    if (!option) continue;
    const value = (option[1] ?? words[i + 1] ?? '').replace(/^(['"])(.*)\1$/, '$2').replace(/[;&|]+$/, '');
    return value === '' || value.startsWith('{') ? undefined : value;
  }
  return undefined;
}
