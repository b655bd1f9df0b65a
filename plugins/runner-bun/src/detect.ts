import type { ProjectInfo, RunnerDetection } from '@aqe/kernel';
import { installedVersion } from '@aqe/kernel/runner-kit';

const MARKER_FILES = ['bunfig.toml', 'bun.lock', 'bun.lockb'];
const TYPE_PACKAGES = ['@types/bun', 'bun-types'];
const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
// `bun test` as a command in a script ("bun test", "bun test --watch", "cd x && bun test"), not "bun run test".
const BUN_TEST = /(^|[\s;&|(])bun\s+test(?=$|[\s;&|)])/;

/**
 * bun test is in use when the project has a bunfig.toml or a Bun lockfile, depends on
 * Bun's types, or a script runs `bun test`. Cheap: only what the kernel already has plus
 * the bun package's package.json for the version (absent when Bun is installed globally).
 */
export async function detectBun(project: ProjectInfo): Promise<RunnerDetection | null> {
  const pkg = project.packageJson ?? {};
  const markers = MARKER_FILES.filter((name) => project.files.includes(name));
  if (markers.length === 0 && !dependsOnBunTypes(pkg) && !scriptRunsBunTest(pkg)) return null;
  const version = installedVersion(project.root, 'bun');
  // Of the markers only bunfig.toml is configuration; a lockfile says nothing about tests.
  const configFiles = markers.includes('bunfig.toml') ? ['bunfig.toml'] : [];
  return { runner: 'bun', configFiles, ...(version ? { version } : {}) };
}

function dependsOnBunTypes(pkg: Record<string, unknown>): boolean {
  return DEP_FIELDS.some((field) => {
    const deps = pkg[field];
    return typeof deps === 'object' && deps !== null && TYPE_PACKAGES.some((name) => name in deps);
  });
}

function scriptRunsBunTest(pkg: Record<string, unknown>): boolean {
  const scripts = pkg.scripts;
  if (typeof scripts !== 'object' || scripts === null) return false;
  return Object.values(scripts).some((script) => typeof script === 'string' && BUN_TEST.test(script));
}
