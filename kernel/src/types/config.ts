/** A plugin named in config: a package name or a path, optionally with options. */
export type PluginSpec = string | [string, Record<string, unknown>];

/** The shape users write in aqe.config.* or package.json#aqe. */
export interface UserConfig {
  plugins?: PluginSpec[];
  /** Make a plugin that fails validation, setup or a hook fatal. */
  strict?: boolean;
  /** Per-hook-call timeout in milliseconds (default 10000). */
  hookTimeoutMs?: number;
  /** Store directory, relative to the project root (default `.aqe/store`). */
  storeDir?: string;
  /** Load installed packages whose package.json has an "aqe" manifest (default true). */
  discoverInstalled?: boolean;
  /** Plugin names to leave out, built-ins included. */
  disable?: string[];
}

export interface ResolvedConfig {
  plugins: { spec: string; options: Record<string, unknown> }[];
  strict: boolean;
  hookTimeoutMs: number;
  storeDir: string;
  discoverInstalled: boolean;
  disable: string[];
  /** Relative path of the file the config came from, or null for defaults. */
  source: string | null;
}

/** The "aqe" block of a plugin package's package.json. */
export interface PluginManifest {
  apiVersion: string;
  /** Module (relative to the package root) whose default export is the plugin; defaults to the package's main export. */
  entry?: string;
}
