/**
 * The one message config-child.ts sends back to load-config.ts from its worker thread. Both sides
 * import these types; nothing else crosses the thread boundary.
 */

/** The part of one Jest ProjectConfig that decides which files are tests, as jest-config normalised it. */
export interface JestProjectOptions {
  rootDir: string;
  roots: string[];
  testMatch: string[];
  testRegex: string[];
  testPathIgnorePatterns: string[];
  moduleFileExtensions: string[];
  /** With cacheDirectory, what jest-haste-map leaves out of the crawl. */
  modulePathIgnorePatterns: string[];
  cacheDirectory: string;
  /** haste.enableSymlinks: symlinked files are crawled only when true. */
  enableSymlinks: boolean;
}

export type ConfigChildMessage =
  /** `loaded`: absolute paths of every file read or imported while resolving the config, and its setup files. */
  | { ok: true; projects: JestProjectOptions[]; loaded: string[] }
  /**
   * Where jest-config cannot resolve a config in process (Jest 22 and 23 have no readConfigs):
   * `listed` is what `jest --listTests --json` printed, absolute; `loaded` the root's config files.
   */
  | { ok: true; listed: string[]; loaded: string[] }
  /**
   * `file`: the config that failed (absolute), when it could be told; `missing`: jest-config is
   * not installed; `requireModule`: it failed on ES module syntax that Node's require(esm) loads.
   */
  | { ok: false; file: string | null; message: string; missing?: boolean; requireModule?: boolean };
