import { ErrorCodes } from '../errors.js';
import type { CapabilityKind, CapabilityKinds, PluginProblem } from '../types/capabilities.js';
import type { ResolvedConfig } from '../types/config.js';
import type { HookHandler, HookName } from '../types/hooks.js';
import type { Logger, PluginContext } from '../types/plugin.js';
import type { Store } from '../types/store.js';
import { tagLogger } from '../util/logger.js';
import { KERNEL_VERSION, PLUGIN_API_VERSION } from '../version.js';
import { CAPABILITY_KINDS, capabilityDefect } from './capability-shape.js';
import { HOOK_NAMES, isHookName } from './hook-names.js';
import { problem } from './problem.js';

/** What a plugin's setup asked for; committed to the kernel only if setup succeeds. */
export interface SetupStaging {
  capabilities: { kind: CapabilityKind; capability: CapabilityKinds[CapabilityKind] }[];
  hooks: { hook: HookName; handler: HookHandler<any> }[];
  disposers: (() => void | Promise<void>)[];
  /** Defects found while registering; any of them fails the plugin's setup. */
  problems: PluginProblem[];
  /** Set when setup finished or timed out: later calls from a straggling setup are ignored. */
  sealed: boolean;
}

export interface ContextDeps {
  name: string;
  options: Record<string, unknown>;
  cwd: string;
  config: ResolvedConfig;
  store: Store;
  logger: Logger;
  /** Whether an id is already taken by a plugin set up earlier. */
  taken(kind: CapabilityKind, id: string): string | undefined;
}

export function createPluginContext(deps: ContextDeps): { ctx: PluginContext; staging: SetupStaging } {
  const staging: SetupStaging = { capabilities: [], hooks: [], disposers: [], problems: [], sealed: false };
  const registrar = (kind: CapabilityKind) => ({
    add(capability: unknown) {
      if (staging.sealed) return;
      const defect = capabilityDefect(kind, capability);
      if (defect) {
        staging.problems.push(problem(ErrorCodes.PLUGIN_CAPABILITY_INVALID, defect.field, defect.message, 'Give the capability every member its kind requires (see docs/plugin-api.md)'));
        return;
      }
      const id = (capability as { id: string }).id;
      const owner = deps.taken(kind, id) ?? (staging.capabilities.some((c) => c.kind === kind && c.capability.id === id) ? deps.name : undefined);
      if (owner) {
        staging.problems.push(
          problem(ErrorCodes.PLUGIN_DUPLICATE_CAPABILITY, `${kind}.${id}`, `${kind} id "${id}" is already registered by plugin "${owner}"`, `Rename the ${kind} id (ids are unique across plugins), or disable one of the two plugins`),
        );
        return;
      }
      staging.capabilities.push({ kind, capability: capability as CapabilityKinds[CapabilityKind] });
    },
  });
  const registrars = Object.fromEntries(CAPABILITY_KINDS.map((k) => [k, registrar(k)])) as unknown as Pick<PluginContext, CapabilityKind>;
  const ctx: PluginContext = {
    ...registrars,
    name: deps.name,
    options: deps.options,
    cwd: deps.cwd,
    config: deps.config,
    meta: { kernelVersion: KERNEL_VERSION, pluginApiVersion: PLUGIN_API_VERSION },
    logger: tagLogger(deps.logger, deps.name),
    store: deps.store,
    on(hook, handler) {
      if (staging.sealed) return;
      if (!isHookName(hook)) {
        staging.problems.push(problem(ErrorCodes.PLUGIN_UNKNOWN_HOOK, `hooks.${String(hook)}`, `unknown hook "${String(hook)}"`, `Use one of: ${HOOK_NAMES.join(', ')}`));
        return;
      }
      if (typeof handler !== 'function') {
        staging.problems.push(problem(ErrorCodes.PLUGIN_INVALID, `hooks.${hook}`, `the handler for "${hook}" is ${typeof handler}, not a function`, 'Pass a function to ctx.on'));
        return;
      }
      staging.hooks.push({ hook, handler });
    },
    onDispose(release) {
      if (!staging.sealed) staging.disposers.push(release);
    },
  };
  return { ctx, staging };
}
