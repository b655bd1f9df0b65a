import { createRequire } from 'node:module';
import { ErrorCodes } from '../errors.js';
import type { PluginProblem } from '../types/capabilities.js';
import { PLUGIN_API_VERSION } from '../version.js';
import { problem } from './problem.js';

// semver's range machinery takes tens of milliseconds to load; it is required only when
// a plugin declares something other than the common ranges below.
const require = createRequire(import.meta.url);
const semver = () => require('semver') as typeof import('semver');
const PLAIN_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const FIELDS = new Set(['name', 'version', 'apiVersion', 'description', 'enforce', 'setup', 'dispose']);

/**
 * The fixed chain every plugin object goes through before setup (as fastify/avvio do):
 * shape → apiVersion against the kernel's plugin API → optional fields. Returns every
 * problem found so one `aqe doctor` shows them all.
 */
export function validatePluginObject(value: unknown): PluginProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [problem(ErrorCodes.PLUGIN_INVALID, 'default export', `the module's default export is ${describe(value)}, not a plugin object`, 'Export default definePlugin({ name, version, apiVersion, setup })')];
  }
  const p = value as Record<string, unknown>;
  const out: PluginProblem[] = [];
  if (typeof p.name !== 'string' || p.name.trim() === '') {
    out.push(problem(ErrorCodes.PLUGIN_INVALID, 'name', `"name" must be a non-empty string, received ${describe(p.name)}`, 'Set name to the package name'));
  }
  if (typeof p.version !== 'string' || !(PLAIN_VERSION.test(p.version) || semver().valid(p.version))) {
    out.push(problem(ErrorCodes.PLUGIN_INVALID, 'version', `"version" must be a semver version, received ${show(p.version)}`, 'Set version to the package version, e.g. "1.0.0"'));
  }
  out.push(...checkApiVersion(p.apiVersion, 'apiVersion'));
  if (typeof p.setup !== 'function') {
    out.push(problem(ErrorCodes.PLUGIN_INVALID, 'setup', `"setup" must be a function, received ${describe(p.setup)}`, "Add setup(ctx) { ... } that registers the plugin's capabilities and hooks"));
  }
  if (p.dispose !== undefined && typeof p.dispose !== 'function') {
    out.push(problem(ErrorCodes.PLUGIN_INVALID, 'dispose', `"dispose" must be a function when present, received ${describe(p.dispose)}`, 'Make dispose a function or remove it'));
  }
  if (p.enforce !== undefined && p.enforce !== 'pre' && p.enforce !== 'post') {
    out.push(problem(ErrorCodes.PLUGIN_INVALID, 'enforce', `"enforce" must be "pre" or "post", received ${show(p.enforce)}`, 'Use "pre", "post" or leave it out'));
  }
  for (const key of Object.keys(p).sort()) {
    if (!FIELDS.has(key)) {
      out.push(problem(ErrorCodes.PLUGIN_INVALID, key, `unknown field "${key}"`, `Plugin objects have only ${[...FIELDS].join(', ')}; register capabilities and hooks inside setup(ctx)`));
    }
  }
  return out;
}

/** The package.json "aqe" manifest, checked before the module is imported at all. */
export function validateManifest(value: unknown): PluginProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [problem(ErrorCodes.PLUGIN_MANIFEST_INVALID, 'package.json#aqe', `the "aqe" manifest must be an object, received ${describe(value)}`, 'Write "aqe": { "apiVersion": "^1" } in package.json')];
  }
  const m = value as Record<string, unknown>;
  const out = checkApiVersion(m.apiVersion, 'package.json#aqe.apiVersion');
  if (m.entry !== undefined && (typeof m.entry !== 'string' || m.entry === '')) {
    out.push(
      problem(ErrorCodes.PLUGIN_MANIFEST_INVALID, 'package.json#aqe.entry', `"entry" must be a relative module path, received ${describe(m.entry)}`, 'Set entry to e.g. "./dist/index.js" or remove it to use the package\'s main export'),
    );
  }
  return out;
}

// The ranges nearly every plugin declares, known to accept this kernel's API: checking them
// without semver keeps its range parser (tens of milliseconds to load) off the start-up path.
const ACCEPTED = new Set(['^1', '^1.0', '^1.0.0', '1', '1.x', '1.x.x', '>=1', '>=1.0.0']);

function checkApiVersion(range: unknown, field: string): PluginProblem[] {
  if (typeof range === 'string' && ACCEPTED.has(range) && PLUGIN_API_VERSION.startsWith('1.')) return [];
  const code = field.startsWith('package.json') ? ErrorCodes.PLUGIN_MANIFEST_INVALID : ErrorCodes.PLUGIN_INVALID;
  if (typeof range !== 'string' || semver().validRange(range) === null) {
    return [problem(code, field, `"apiVersion" must be a semver range such as "^1", received ${show(range)}`, `Set apiVersion to a range that includes the kernel's plugin API ${PLUGIN_API_VERSION}`)];
  }
  if (!semver().satisfies(PLUGIN_API_VERSION, range)) {
    return [
      problem(
        ErrorCodes.PLUGIN_API_MISMATCH,
        field,
        `apiVersion "${range}" does not accept the kernel's plugin API ${PLUGIN_API_VERSION}`,
        `Upgrade the plugin to one written for API ^${semver().major(PLUGIN_API_VERSION)}, or use an aqe version whose plugin API matches "${range}"`,
      ),
    ];
  }
  return [];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : describe(value);
}
