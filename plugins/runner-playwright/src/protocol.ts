/**
 * The one message each way between config-process.ts (aqe's side) and
 * config-process-entry.ts (a child `node` that loads the project's own Playwright).
 * JSON over the IPC channel, so only plain data crosses.
 */

export interface ListRequest {
  /** Absolute project root; `files` are relative to it. */
  root: string;
  /** Root directory of the `playwright` package the configs resolve (their `@playwright/test`'s). */
  playwrightDir: string;
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
  /** `index` is the failing entry of `locations`, absent when Playwright itself could not be loaded. */
  | { ok: false; index?: number; message: string };
