import type { Command } from '@oclif/core';

/** A concrete command class of @oclif/plugin-plugins (whose class types are not exported). */
interface PluginPluginsCommand extends Command {
  run(): Promise<unknown>;
}

export type PluginPluginsCommandClass = (new (...args: ConstructorParameters<typeof Command>) => PluginPluginsCommand) & Omit<typeof Command, 'prototype'>;
