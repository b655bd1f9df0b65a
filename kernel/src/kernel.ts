import { resolve } from 'node:path';
import { loadConfig, resolveStoreDir } from './config/load-config.js';
import { createKernelAgents } from './agents/kernel-agents.js';
import { ErrorCodes, errorMessage, PluginError } from './errors.js';
import { detectRunners, discoverTests } from './discovery/discover.js';
import { collectPlugins } from './plugin-host/collect.js';
import { runTests } from './run/run-tests.js';
import { HookBus } from './plugin-host/hook-bus.js';
import type { LoadedPlugin } from './plugin-host/load-plugin.js';
import { orderPlugins } from './plugin-host/order.js';
import { problem, problemToError } from './plugin-host/problem.js';
import { CapabilityRegistry } from './plugin-host/registry.js';
import { setupPlugin } from './plugin-host/setup-plugin.js';
import { openStore } from './store/index.js';
import { MemoryStore } from './store/memory-store.js';
import type { PluginReport } from './types/capabilities.js';
import type { HookName, HookReport, KernelHooks } from './types/hooks.js';
import type { StoreDrop } from './types/store.js';
import type { Kernel, KernelOptions } from './types/kernel.js';
import { createDefaultLogger } from './util/logger.js';
import { withTimeout } from './util/with-timeout.js';
import { KERNEL_VERSION } from './version.js';

interface PluginState extends LoadedPlugin {
  status: PluginReport['status'];
  capabilities: PluginReport['capabilities'];
  disposers: (() => void | Promise<void>)[];
}

/**
 * Builds a kernel: config → store → plugin collection → validation → setup in order
 * (pre, config order, post) → `kernel:ready`. Invalid or failing plugins are reported in
 * `plugins()` and isolated; with `strict` the first problem is thrown instead.
 */
export async function createKernel(options: KernelOptions): Promise<Kernel> {
  const cwd = resolve(options.cwd);
  const logger = options.logger ?? createDefaultLogger();
  const config = await loadConfig(cwd, options.config);
  // The override changes behaviour only: kernel.config still says what the user configured.
  const strict = options.strict ?? config.strict;
  if (options.storeDir !== undefined) config.storeDir = options.storeDir;
  // A dropped record or a store moved aside costs only cached data, but the user should know.
  const store = options.memoryStore ? new MemoryStore() : await openStore({ path: resolveStoreDir(cwd, config.storeDir), onDrop: (d) => logger.warn(describeDrop(d)) });
  const registry = new CapabilityRegistry();
  const states: PluginState[] = [];
  const fail = (name: string, p: ReturnType<typeof problem>) => {
    const s = states.find((x) => x.name === name);
    if (!s) return;
    s.status = 'failed';
    s.problems.push(p);
  };
  const bus = new HookBus(config.hookTimeoutMs, strict, (f) =>
    fail(f.plugin, problem(f.code as (typeof ErrorCodes)[keyof typeof ErrorCodes], `hooks.${f.hook}`, f.message, 'Fix the hook handler, raise hookTimeoutMs, or disable the plugin')),
  );
  let disposed = false;
  const agents = createKernelAgents({ cwd, store, registry, settings: config.agents, factory: options.agentPool, isDisposed: () => disposed });

  const disposeAll = async () => {
    if (disposed) return;
    disposed = true;
    try {
      await bus.call('dispose', {});
    } catch (error) {
      logger.error(errorMessage(error));
    }
    for (const s of [...states].reverse()) {
      const releases = [...s.disposers.reverse(), ...(s.definition?.dispose && s.status !== 'invalid' ? [s.definition.dispose.bind(s.definition)] : [])];
      for (const release of releases) {
        try {
          await withTimeout(release, config.hookTimeoutMs);
        } catch (error) {
          logger.warn(`plugin "${s.name}": dispose failed: ${errorMessage(error)}`);
        }
      }
    }
    try {
      await agents.destroy();
    } catch (error) {
      logger.warn(`agent pool: shutting down failed: ${errorMessage(error)}`);
    }
    await store.close();
  };

  try {
    const loaded = orderPlugins(await collectPlugins(cwd, config, options.plugins ?? [], store));
    for (const p of loaded) {
      const state: PluginState = { ...p, status: p.problems.length > 0 ? 'invalid' : 'active', capabilities: [], disposers: [] };
      if (state.status === 'active' && states.some((s) => s.name === p.name && s.status !== 'invalid')) {
        state.status = 'invalid';
        state.problems.push(
          problem(ErrorCodes.PLUGIN_DUPLICATE_NAME, 'name', `another plugin named "${p.name}" is already loaded (from ${states.find((s) => s.name === p.name)?.from})`, 'Remove one of them from the config, or give the plugin a unique name'),
        );
      }
      states.push(state);
      if (state.status === 'invalid') {
        if (strict) throw problemToError(state.name, state.problems[0]!);
        continue;
      }
      const rank = states.length;
      const outcome = await setupPlugin(state, { cwd, config, store, logger, registry, timeoutMs: config.hookTimeoutMs });
      state.disposers = outcome.disposers;
      if (outcome.problems.length > 0) {
        state.status = 'failed';
        state.problems.push(...outcome.problems);
        if (strict) throw problemToError(state.name, outcome.problems[0]!);
        continue;
      }
      for (const { kind, capability } of outcome.capabilities) {
        registry.add(kind, capability, state.name);
        state.capabilities.push({ kind, id: capability.id });
      }
      for (const { hook, handler } of outcome.hooks) bus.subscribe(hook, state.name, rank, handler);
    }
    for (const s of states) if (s.status !== 'active') bus.isolate(s.name);
    await bus.call('kernel:ready', { cwd, plugins: states.filter((s) => s.status === 'active').map((s) => s.name) });
    if (options.prewarmAgents) await agents.prewarm();
  } catch (error) {
    await disposeAll();
    throw error;
  }

  for (const s of states) {
    for (const p of s.problems) logger.debug(`plugin "${s.name}" ${s.status}: ${p.code} ${p.message}`);
  }

  return {
    cwd,
    config,
    registry,
    store,
    version: KERNEL_VERSION,
    plugins: () => states.map(toReport),
    agents: { list: agents.list, run: agents.run },
    async discover(discoverOptions) {
      if (disposed) throw new PluginError(ErrorCodes.KERNEL_DISPOSED, 'kernel', 'discover', 'discover() was called after kernel.dispose()', 'Create a new kernel');
      return discoverTests({ cwd, registry, store }, bus, discoverOptions);
    },
    detect: () => detectRunners({ cwd, registry, store, logger }),
    async run(runOptions) {
      if (disposed) throw new PluginError(ErrorCodes.KERNEL_DISPOSED, 'kernel', 'run', 'run() was called after kernel.dispose()', 'Create a new kernel');
      return runTests({ cwd, registry, store, logger, config, agents }, bus, runOptions);
    },
    async callHook<K extends HookName>(hook: K, payload: KernelHooks[K]): Promise<HookReport> {
      if (disposed) throw new PluginError(ErrorCodes.KERNEL_DISPOSED, 'kernel', 'callHook', `hook "${hook}" was called after kernel.dispose()`, 'Create a new kernel');
      return bus.call(hook, payload);
    },
    dispose: disposeAll,
  };
}

function describeDrop(d: StoreDrop): string {
  return d.reason === 'environment'
    ? `store: the environment could not be read safely and was replaced (${d.detail}); cached data and history start afresh`
    : `store: dropped the ${d.db} record "${d.key.replace(/\0/g, ' ')}" (${d.reason}: ${d.detail}); it will be rebuilt`;
}

function toReport(s: PluginState): PluginReport {
  return {
    name: s.name,
    version: s.version,
    source: s.source,
    from: s.from,
    status: s.status,
    capabilities: [...s.capabilities].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)),
    problems: s.problems.map((p) => ({ ...p })),
  };
}
