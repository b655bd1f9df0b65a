/**
 * The one message each way between config-process.ts (aqe's side) and
 * config-process-entry.ts (a child `node` that loads the project's own Playwright):
 * the request as JSON on the child's stdin, the reply as one JSON line on fd 3.
 */
import type { PlaywrightApi } from './install.js';

export interface ListRequest {
  /** Absolute project root; `files` are relative to it. */
  root: string;
  /** Root directory of the `playwright` package the configs resolve (their `@playwright/test`'s). */
  playwrightDir: string;
  /** Which of its internal entry points hold the config loader. */
  api: Exclude<PlaywrightApi, 'cli'>;
  /** Absolute config files, or a directory to load Playwright's defaults for (no config file). */
  locations: string[];
  /** Candidate test files: the kernel's file index, already narrowed to Playwright's test-file extensions. */
  files: string[];
}

export interface ListedConfig {
  /** Test files of the projects `playwright test` runs, relative POSIX, each once. */
  files: string[];
  /** Absolute paths of the local modules the config imported (node_modules excluded). */
  dependencies: string[];
}

export type ListReply =
  | { ok: true; configs: ListedConfig[] }
  /**
   * `index` is the failing entry of `locations`, absent when Playwright itself could not be
   * loaded; `noApi`: this Playwright's entry points are not the shape aqe knows (ask its CLI).
   */
  | { ok: false; index?: number; noApi?: boolean; message: string };
