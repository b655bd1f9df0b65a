/**
 * What the config child (resolve-config-child.ts) sends back to discover (load-config.ts):
 * each Vitest project reduced to the options that decide its test files. Types only, so the
 * child stays free of aqe imports.
 */
export interface ResolvedProject {
  name: string;
  /** Absolute directory the globs are relative to: `dir`, else `root`, resolved as Vitest's glob does. */
  dir: string;
  include: string[];
  exclude: string[];
  /** In-source tests: files matching these count when their code mentions `import.meta.vitest`. */
  includeSource: string[];
  typecheck: { enabled: boolean; only: boolean; include: string[]; exclude: string[] };
}

export type ConfigResult =
  | {
      ok: true;
      projects: ResolvedProject[];
      /** Absolute paths of every file the configs were built from (config files and what they import) and of their local setup and global setup files. */
      dependencies: string[];
    }
  | { ok: false; message: string; fix?: string };
