import { CacheError, ErrorCodes, errorMessage } from '../errors.js';
import type { CacheCommandReport, CacheTierReport } from '../types/cache.js';
import type { CacheBackendCapability } from '../types/capabilities.js';
import type { Kernel } from '../types/kernel.js';
import { withTimeout } from '../util/with-timeout.js';
import { resolveNamespaces } from './namespace.js';

/** A key no entry has (entry keys are hex digests under a namespace). */
const PROBE_KEY = 'aqe-stats-probe';

type Report<C extends CacheCommandReport['command']> = Extract<CacheCommandReport, { command: C }>;

/** `aqe cache stats`: every tier's counters and entries, in read order; a tier that does not answer says why. */
export async function cacheStats(kernel: Kernel): Promise<Report<'stats'>> {
  const tiers: CacheTierReport[] = [];
  for (const b of tiersOf(kernel)) {
    const base = { id: b.id, order: b.order, remote: b.remote };
    try {
      // Counters alone never touch the network: one lookup proves a shared tier answers.
      if (b.remote) await withTimeout(() => b.has(PROBE_KEY), kernel.config.cache.timeoutMs);
      tiers.push({ ...base, stats: await withTimeout(() => b.stats(), kernel.config.cache.timeoutMs) });
    } catch (error) {
      tiers.push({ ...base, error: errorMessage(error) });
    }
  }
  return { command: 'stats', namespaces: resolveNamespaces(process.env), tiers };
}

/** `aqe cache prune` (expired entries) and `aqe cache clear` (every entry), on all tiers or the named ones. */
export async function removeEntries(kernel: Kernel, command: 'prune' | 'clear', only?: readonly string[]): Promise<Report<'prune' | 'clear'>> {
  const all = tiersOf(kernel);
  for (const id of only ?? []) {
    if (!all.some((b) => b.id === id)) throw new CacheError(ErrorCodes.CACHE_CONFIG_INVALID, id, 'no such cache tier is registered', `Use one of: ${all.map((b) => b.id).join(', ') || '(none: add a cache backend plugin)'}`);
  }
  const out: Report<'prune' | 'clear'> = { command, tiers: [] };
  for (const b of all.filter((t) => !only || only.length === 0 || only.includes(t.id))) {
    const op = command === 'prune' ? b.prune?.bind(b) : b.clear?.bind(b);
    try {
      // A tier without prune expires entries itself (Redis TTL): nothing to remove, shown as null.
      out.tiers.push({ id: b.id, removed: op ? await op() : null });
    } catch (error) {
      out.tiers.push({ id: b.id, removed: null, error: errorMessage(error) });
    }
  }
  return out;
}

/** `aqe cache explain <file>`: the key `aqe run` would use for a test file, and every input of it; undefined when no runner owns the file. */
export async function explainCacheKey(kernel: Kernel, file: string): Promise<Report<'explain'> | undefined> {
  const discovered = await kernel.discover();
  const entry = discovered.runners.find((r) => r.files.includes(file));
  const runner = entry && kernel.registry.get('runners', entry.runner);
  if (!entry || !runner) return undefined;
  // The keyer loads the import parser: only this command and `aqe run` pay for it.
  const { createRunKeyer } = await import('./run-keyer.js');
  const keyer = createRunKeyer({ root: kernel.cwd, store: kernel.store, env: process.env, envAllowlist: kernel.config.cache.env });
  const key = await keyer.keyFor(runner, entry.configFiles, file);
  return { command: 'explain', file, runner: runner.id, key: key.key, inputs: key.inputs };
}

function tiersOf(kernel: Kernel): CacheBackendCapability[] {
  return kernel.registry.list('cacheBackends').sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
