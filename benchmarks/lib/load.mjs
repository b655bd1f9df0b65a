// Imports a built package with a message that says what to do when it is not there,
// instead of Node's bare ERR_MODULE_NOT_FOUND deep inside a suite.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kernelDist } from './paths.mjs';

export class MissingBuildError extends Error {
  constructor(what, file) {
    super(`${what} is not built (${file} is missing): run \`npm run build\` first`);
    this.name = 'MissingBuildError';
  }
}

/** Fails when the file is absent or lacks one of the named exports. */
export async function importBuilt(what, file, names) {
  if (!existsSync(file)) throw new MissingBuildError(what, file);
  const mod = await import(pathToFileURL(file).href);
  const missing = names.filter((name) => typeof mod[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`${what} (${file}) does not export ${missing.join(', ')} yet: rebuild, or wait for it to land`);
  }
  return mod;
}

/** One of @aqe/kernel's public entries: `index` (the root), `store-entry`, `cache-entry`, `run-entry`, … */
export function importKernel(names, entry = 'index') {
  return importBuilt(`@aqe/kernel (${entry})`, join(dirname(kernelDist), `${entry}.js`), names);
}
