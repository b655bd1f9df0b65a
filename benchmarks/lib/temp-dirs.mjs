// Temp project roots live under the OS temp dir, never inside the repo: the kernel
// searches upward for config and installed plugins, and the monorepo's own
// package.json and node_modules would turn a benchmark of an empty project into
// a benchmark of this repository.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = [];

export function makeTempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `aqe-bench-${label}-`));
  created.push(dir);
  return dir;
}

export function removeTempDirs() {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
