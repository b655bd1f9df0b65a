import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, errorMessage } from '../errors.js';
import type { PluginProblem, PluginSourceKind } from '../types/capabilities.js';
import type { PluginDefinition } from '../types/plugin.js';
import { readJsonIfExists } from '../util/read-json.js';
import { findPackageRoot } from './package-root.js';
import { problem } from './problem.js';
import { validateManifest, validatePluginObject } from './validate.js';

/** A plugin after loading and validation; `definition` is set only when it is valid. */
export interface LoadedPlugin {
  name: string;
  version: string;
  source: PluginSourceKind;
  /** What the user named: package name or path, relative to cwd where possible. */
  from: string;
  /** Real path of the package root, used to drop the same package found twice. */
  root?: string;
  options: Record<string, unknown>;
  definition?: PluginDefinition<any>;
  problems: PluginProblem[];
}

export function fromObject(value: unknown, source: PluginSourceKind, options: Record<string, unknown>): LoadedPlugin {
  const problems = validatePluginObject(value);
  const v = (value ?? {}) as Partial<PluginDefinition>;
  const name = typeof v.name === 'string' && v.name ? v.name : '<unnamed>';
  return {
    name,
    version: typeof v.version === 'string' ? v.version : '0.0.0',
    source,
    from: name,
    options,
    problems,
    ...(problems.length === 0 ? { definition: value as PluginDefinition } : {}),
  };
}

/** Resolves a package name or path, checks its manifest, imports it and validates the export. */
export async function fromSpecifier(spec: string, cwd: string, source: PluginSourceKind, options: Record<string, unknown>): Promise<LoadedPlugin> {
  const isPath = spec.startsWith('.') || isAbsolute(spec);
  const target = isPath ? resolve(cwd, spec) : findPackageRoot(spec, cwd);
  const shown = isPath ? relative(cwd, resolve(cwd, spec)) || '.' : spec;
  const failed = (p: PluginProblem, root?: string): LoadedPlugin => ({ name: spec, version: '0.0.0', source, from: shown, options, problems: [p], ...(root ? { root } : {}) });
  if (!target || !existsSync(target)) {
    return failed(
      problem(
        ErrorCodes.PLUGIN_NOT_FOUND,
        'specifier',
        `"${spec}" was not found ${isPath ? `at ${shown}` : `in the project's node_modules`}`,
        isPath ? 'Check the path in your config' : `Install it: npm install -D ${spec} (or aqe plugins install ${spec})`,
      ),
    );
  }
  const root = realpathSync(target);
  let entry = root;
  let pkgName: string | undefined;
  if (statSync(root).isDirectory()) {
    let pkg: Record<string, unknown> | undefined;
    try {
      pkg = await readJsonIfExists(join(root, 'package.json'));
    } catch (error) {
      return failed(problem(ErrorCodes.PLUGIN_MANIFEST_INVALID, 'package.json', `package.json of ${shown} is not valid JSON: ${errorMessage(error)}`, 'Fix the JSON syntax'), root);
    }
    if (!pkg) return failed(problem(ErrorCodes.PLUGIN_NOT_FOUND, 'package.json', `${shown} has no package.json`, 'Point at a plugin package directory or its entry module'), root);
    pkgName = typeof pkg.name === 'string' ? pkg.name : undefined;
    if (!('aqe' in pkg)) {
      return failed(problem(ErrorCodes.PLUGIN_MANIFEST_INVALID, 'package.json#aqe', `${pkgName ?? shown} has no "aqe" manifest in its package.json`, 'Add "aqe": { "apiVersion": "^1" } to the plugin\'s package.json'), root);
    }
    const manifestProblems = validateManifest(pkg.aqe);
    if (manifestProblems.length > 0) return { ...failed(manifestProblems[0]!, root), name: pkgName ?? spec, problems: manifestProblems };
    const declared = (pkg.aqe as { entry?: string }).entry;
    entry = declared ? join(root, declared) : join(root, mainOf(pkg));
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(entry).href)) as { default?: unknown };
  } catch (error) {
    return {
      ...failed(problem(ErrorCodes.PLUGIN_LOAD_FAILED, 'entry', `importing ${relative(cwd, entry) || entry} failed: ${errorMessage(error)}`, 'Build the plugin (is its entry compiled JS?) and check it imports cleanly with node'), root),
      name: pkgName ?? spec,
    };
  }
  const loaded = fromObject(mod.default, source, options);
  if (loaded.name === '<unnamed>' && pkgName) loaded.name = pkgName;
  return { ...loaded, from: shown, root };
}

function mainOf(pkg: Record<string, unknown>): string {
  const exp = pkg.exports;
  if (typeof exp === 'string') return exp;
  if (exp && typeof exp === 'object') {
    const dot = (exp as Record<string, unknown>)['.'] ?? exp;
    if (typeof dot === 'string') return dot;
    if (dot && typeof dot === 'object') {
      const d = dot as Record<string, unknown>;
      const pick = d.import ?? d.default ?? d.node;
      if (typeof pick === 'string') return pick;
    }
  }
  return typeof pkg.main === 'string' ? pkg.main : 'index.js';
}
