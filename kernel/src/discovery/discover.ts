import { ErrorCodes, errorMessage, PluginError } from '../errors.js';
import { type FileIndex, indexFiles } from '../files/file-index.js';
import type { DiscoverReport, RunnerCapability, RunnerDetection } from '../types/capabilities.js';
import type { DiscoverOptions } from '../types/kernel.js';
import type { HookBusLike, KernelInternals } from './internals.js';
import { type InputStamp, inputsUnchanged, stampInputs } from './input-stamps.js';
import { readProjectPackage } from './project-package.js';


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
  const report: DiscoverReport = { runners: [], total: 0 };
  for (const runner of selected) {
    let detection: RunnerDetection | null;
    try {
      detection = await runner.detect({ root: k.cwd, files: index.files, ...(packageJson ? { packageJson } : {}) });
    } catch (error) {
      report.runners.push({ runner: runner.id, files: [], configFiles: [], cached: false, error: { code: ErrorCodes.DISCOVER_FAILED, message: `detect failed: ${errorMessage(error)}` } });
      continue;
    }
    if (!detection) continue;
    const entry = await discoverOne(k, runner, detection, index, cache, options.signal);
    report.runners.push(entry);
    report.total += entry.files.length;
  }
  report.runners.sort((a, b) => a.runner.localeCompare(b.runner));
  await bus.call('discover:after', { runners: report.runners.map((r) => ({ runner: r.runner, files: r.files })) });
  return report;
}

/** Which frameworks are present (for `aqe doctor`), from the file index and package.json alone. */
export async function detectRunners(k: KernelInternals): Promise<RunnerDetection[]> {
  const index = indexFiles({ root: k.cwd, store: k.store });
  const packageJson = readProjectPackage(k.cwd);
  const out: RunnerDetection[] = [];
  for (const runner of k.registry.list('runners')) {
    try {
      const d = await runner.detect({ root: k.cwd, files: index.files, ...(packageJson ? { packageJson } : {}) });
      if (d) out.push(d);
    } catch (error) {
      // A broken runner must not hide the others from `aqe doctor`; it reports as undetected.
      k.logger?.warn(`runner "${runner.id}" (plugin ${k.registry.owner('runners', runner.id)}): detect failed: ${errorMessage(error)}`);
    }
  }
  return out.sort((a, b) => a.runner.localeCompare(b.runner));
}

function hasCachedDiscovery(k: KernelInternals, runner: string): boolean {
  return k.store.db<CachedDiscovery>('index').get(discoveryKey(k.cwd, runner)) !== undefined;
}

function discoveryKey(cwd: string, runner: string): string {
  return `discover:${cwd}\0${runner}`;
}

async function discoverOne(k: KernelInternals, runner: RunnerCapability, detection: RunnerDetection, index: FileIndex, cache: boolean, signal?: AbortSignal): Promise<DiscoverReport['runners'][number]> {
  const db = k.store.db<CachedDiscovery>('index');
  const key = discoveryKey(k.cwd, runner.id);
  const detectionKey = JSON.stringify(detection);
  const base = { runner: runner.id, configFiles: detection.configFiles };
  if (cache) {
    const hit = db.get(key);
    if (hit && hit.fingerprint === index.fingerprint && hit.detection === detectionKey && inputsUnchanged(k.cwd, hit.inputs)) {
      return { ...base, files: hit.files, cached: true };
    }
  }
  try {
    const out = await runner.discover({ root: k.cwd, files: index.files, symlinks: index.symlinks, detection, ...(signal ? { signal } : {}) });
    const files = [...new Set(out.files)].sort();
    void db.put(key, { fingerprint: index.fingerprint, detection: detectionKey, inputs: stampInputs(k.cwd, [...out.inputs, ...detection.configFiles]), files });
    return { ...base, files, cached: false };
  } catch (error) {
    const code = (error as { code?: string }).code ?? ErrorCodes.DISCOVER_FAILED;
    return { ...base, files: [], cached: false, error: { code, message: errorMessage(error) } };
  }
}
