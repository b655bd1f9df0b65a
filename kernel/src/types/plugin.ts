import type { CapabilityKind, CapabilityKinds } from './capabilities.js';
import type { ResolvedConfig } from './config.js';
import type { HookHandler, HookName } from './hooks.js';
import type { Store } from './store.js';

export type Enforce = 'pre' | 'post';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface CapabilityRegistrar<T> {
  /** Registers a capability; a duplicate id across plugins is a PluginError. */
  add(capability: T): void;
}

export type PluginRegistrars = { [K in CapabilityKind]: CapabilityRegistrar<CapabilityKinds[K]> };

export interface PluginContext<Options = Record<string, unknown>> extends PluginRegistrars {
  /** The plugin's own name. */
  name: string;
  options: Options;
  /** Absolute project root. */
  cwd: string;
  config: Readonly<ResolvedConfig>;
  meta: { kernelVersion: string; pluginApiVersion: string };
  /** Messages are tagged with the plugin's name. */
  logger: Logger;
  store: Store;
  on<K extends HookName>(hook: K, handler: HookHandler<K>): void;
  /** Registers a resource to release when the kernel is disposed. */
  onDispose(release: () => void | Promise<void>): void;
}

export interface PluginDefinition<Options = Record<string, unknown>> {
  name: string;
  version: string;
  /** A semver range of the kernel plugin API this plugin was written for, e.g. "^1". */
  apiVersion: string;
  description?: string;
  enforce?: Enforce;
  setup(ctx: PluginContext<Options>): void | Promise<void>;
  dispose?(): void | Promise<void>;
}
