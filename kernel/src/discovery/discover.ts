import { ErrorCodes, errorMessage, PluginError } from '../errors.js';
import { type FileIndex, indexFiles } from '../files/file-index.js';
import { unsupportedVersion } from '../runner-kit/framework-version.js';
import type { DiscoverReport, FrameworkDetection, RunnerCapability, RunnerDetection } from '../types/capabilities.js';
import type { DiscoverOptions } from '../types/kernel.js';
import type { HookBusLike, KernelInternals } from './internals.js';
import { type InputStamp, inputsUnchanged, stampInputs } from './input-stamps.js';
import { readProjectPackage } from './project-package.js';
import { type ProjectUnit, projectUnits, selectsUnit } from './project-units.js';

interface CachedDiscovery {
  fingerprint: string;
  detection: string;
  inputs: InputStamp[];
  files: string[];
}

/**
 * Test files per runner: one walk of the tree (the file index), then each detected
 * runner applies its framework's own rules. A runner's result is reused while the file
 * set, its detection and the content of its config inputs are unchanged, so the warm
 * path loads no framework config at all.
 */
export async function discoverTests(k: KernelInternals, bus: HookBusLike, options: DiscoverOptions = {}): Promise<DiscoverReport> {
  const all = k.registry.list('runners');
  for (const id of options.runners ?? []) {
    if (!all.some((r) => r.id === id)) {
      throw new PluginError(ErrorCodes.RUNNER_UNKNOWN, id, 'runner', `no runner "${id}" is registered`, `Use one of: ${all.map((r) => r.id).join(', ') || '(none: add a runner plugin)'}`);
    }
  }
  const selected = options.runners ? all.filter((r) => options.runners!.includes(r.id)) : all;
  await bus.call('discover:before', { runners: selected.map((r) => r.id) });
  const cache = options.cache !== false;
  // Config resolution (a framework process, ~0.25 s) overlaps the walk when it will be needed.
  for (const runner of selected) if (runner.prepare && (!cache || !hasCachedDiscovery(k, runner.id))) runner.prepare(k.cwd);
  const index = indexFiles({ root: k.cwd, store: k.store, cache });
  const packageJson = readProjectPackage(k.cwd);
  const { wholeRoot, units } = projectUnits(k.cwd, index, packageJson);
  const report: DiscoverReport = { runners: [], total: 0 };
  // Files a root config claims per runner (its `projects` may name the packages): a package
  // with any of them is that config's, and is not run a second time on its own.
  const claimed = new Map<string, string[]>();
  const rootDetected = new Set<string>();
  for (const unit of units) {
    if (!selectsUnit(unit, options.projects)) continue;
    for (const runner of selected) {
      if (unit.dir !== '' && claimed.get(runner.id)?.some((file) => file.startsWith(`${unit.dir}/`))) continue;
      let detection: RunnerDetection | null;
      try {
        detection = await runner.detect({ root: unit.root, files: unit.files, ...(unit.packageJson ? { packageJson: unit.packageJson } : {}) });
      } catch (error) {
        report.runners.push(withProject(unit, { runner: runner.id, files: [], configFiles: [], cached: false, error: { code: ErrorCodes.DISCOVER_FAILED, message: `detect failed: ${errorMessage(error)}` } }));
        continue;
      }
      if (!detection) continue;
      if (unit.dir === '') rootDetected.add(runner.id);
      // A root with its own config for this runner sees the whole tree, as the framework run there does.
      const scope = unit.dir === '' && unit !== wholeRoot && hasOwnConfig(detection, packageJson) ? wholeRoot : unit;
      const entry = withProject(unit, await discoverOne(k, runner, detection, scope, index, cache, options.signal));
      if (scope === wholeRoot && units.length > 1) claimed.set(runner.id, entry.files);
      // A workspace root that only hoists the framework for its packages has no tests of its own to list.
      if (unit.dir === '' && scope !== wholeRoot && units.length > 1 && entry.files.length === 0 && !entry.error) continue;
      report.runners.push(entry);
      report.total += entry.files.length;
    }
  }
  // A runner absent at the root leaves a record that is never a hit but says its config need
  // not be started before the next walk (`prepare` above): a workspace root whose frameworks
  // live in the packages would otherwise start every runner's config thread on every run.
  const absent = cache ? selected.filter((r) => r.prepare && !rootDetected.has(r.id) && !hasCachedDiscovery(k, r.id)) : [];
  for (const runner of absent) void k.store.db<CachedDiscovery>('index').put(discoveryKey(k.cwd, runner.id), { fingerprint: '', detection: '', inputs: [], files: [] });
  report.runners.sort((a, b) => (a.project ?? '').localeCompare(b.project ?? '') || a.runner.localeCompare(b.runner));
  await bus.call('discover:after', { runners: report.runners.map((r) => ({ runner: r.runner, files: r.files })) });
  return report;
}

/** Which frameworks are present in the root and each workspace package (for `aqe doctor`), from the file index and package.json alone. */
export async function detectRunners(k: KernelInternals): Promise<FrameworkDetection[]> {
  const index = indexFiles({ root: k.cwd, store: k.store });
  const { units } = projectUnits(k.cwd, index, readProjectPackage(k.cwd));
  const out: FrameworkDetection[] = [];
  for (const unit of units) {
    for (const runner of k.registry.list('runners')) {
      try {
        const d = await runner.detect({ root: unit.root, files: unit.files, ...(unit.packageJson ? { packageJson: unit.packageJson } : {}) });
        if (!d) continue;
        const unsupported = runner.supports ? unsupportedVersion(runner.id, runner.supports, d.version) : undefined;
        out.push({ ...d, ...(unit.dir ? { project: unit.dir, configFiles: d.configFiles.map((f) => `${unit.dir}/${f}`) } : {}), ...(unsupported ? { problem: { code: unsupported.code, message: unsupported.message } } : {}) });
      } catch (error) {
        // A broken runner must not hide the others from `aqe doctor`; it reports as undetected.
        k.logger?.warn(`runner "${runner.id}" (plugin ${k.registry.owner('runners', runner.id)}): detect failed: ${errorMessage(error)}`);
      }
    }
  }
  return out.sort((a, b) => (a.project ?? '').localeCompare(b.project ?? '') || a.runner.localeCompare(b.runner));
}

function hasCachedDiscovery(k: KernelInternals, runner: string): boolean {
  return k.store.db<CachedDiscovery>('index').get(discoveryKey(k.cwd, runner)) !== undefined;
}

function discoveryKey(cwd: string, runner: string): string {
  return `discover:${cwd}\0${runner}`;
}

async function discoverOne(k: KernelInternals, runner: RunnerCapability, detection: RunnerDetection, unit: ProjectUnit, index: FileIndex, cache: boolean, signal?: AbortSignal): Promise<DiscoverReport['runners'][number]> {
  const db = k.store.db<CachedDiscovery>('index');
  const key = discoveryKey(unit.root, runner.id);
  const detectionKey = JSON.stringify(detection);
  const base = { runner: runner.id, configFiles: detection.configFiles };
  const unsupported = runner.supports ? unsupportedVersion(runner.id, runner.supports, detection.version) : undefined;
  if (unsupported) return { ...base, files: [], cached: false, error: { code: unsupported.code, message: unsupported.message } };
  if (cache) {
    const hit = db.get(key);
    if (hit && hit.fingerprint === index.fingerprint && hit.detection === detectionKey && inputsUnchanged(unit.root, hit.inputs)) {
      return { ...base, files: hit.files, cached: true };
    }
  }
  try {
    const out = await runner.discover({ root: unit.root, files: unit.files, symlinks: unit.symlinks, detection, ...(signal ? { signal } : {}) });
    const files = [...new Set(out.files)].sort();
    void db.put(key, { fingerprint: index.fingerprint, detection: detectionKey, inputs: stampInputs(unit.root, [...out.inputs, ...detection.configFiles]), files });
    return { ...base, files, cached: false };
  } catch (error) {
    const code = (error as { code?: string }).code ?? ErrorCodes.DISCOVER_FAILED;
    return { ...base, files: [], cached: false, error: { code, message: errorMessage(error) } };
  }
}

/** An entry of a package as the report has it: paths relative to the repository root, and the package named. */
function withProject(unit: ProjectUnit, entry: DiscoverReport['runners'][number]): DiscoverReport['runners'][number] {
  if (unit.dir === '') return entry;
  const prefix = (file: string) => `${unit.dir}/${file}`;
  return { ...entry, project: unit.dir, files: entry.files.map(prefix), configFiles: entry.configFiles.map(prefix) };
}

/** A config of the runner's own at the root (package.json counts only with a "jest" key): the framework run there decides over the whole tree. */
function hasOwnConfig(detection: RunnerDetection, packageJson: Record<string, unknown> | undefined): boolean {
  return detection.configFiles.some((file) => (file === 'package.json' ? packageJson !== undefined && detection.runner === 'jest' && 'jest' in packageJson : !file.includes('/')));
}
