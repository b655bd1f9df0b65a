// Which baseline a results file is compared with: baselines/<version>.json, or, on a
// version-bump PR that has no baseline of its own yet, the newest older one (said out
// loud by the caller), so bumping a version is not mistaken for a regression.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { baselinesDir } from './paths.mjs';

function parts(version) {
  return version
    .split(/[.+-]/)
    .slice(0, 3)
    .map((n) => Number.parseInt(n, 10) || 0);
}

function compareVersions(a, b) {
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

export function baselinePath(version) {
  return join(baselinesDir, `${version}.json`);
}

/** @returns {{ file: string, exact: boolean } | null} */
export function findBaseline(version) {
  const exact = baselinePath(version);
  if (existsSync(exact)) return { file: exact, exact: true };
  const older = (existsSync(baselinesDir) ? readdirSync(baselinesDir) : [])
    .filter((name) => /^\d+\.\d+\.\d+.*\.json$/.test(name))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((v) => compareVersions(v, version) <= 0)
    .sort(compareVersions);
  const newest = older.at(-1);
  return newest ? { file: baselinePath(newest), exact: false } : null;
}
