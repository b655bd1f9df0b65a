// Imports a built package with a message that says what to do when it is not there,
// instead of Node's bare ERR_MODULE_NOT_FOUND deep inside a suite.
import { existsSync } from 'node:fs';
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

/** @aqe/kernel's public entry, the same file the package's "exports" point at. */
export function importKernel(names) {
  return importBuilt('@aqe/kernel', kernelDist, names);
}
