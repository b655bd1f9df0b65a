import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentDefinition } from './define-agent.js';
import type { WorkerInit } from './protocol.js';

export type LoadedAgent = { definition: AgentDefinition; version: string } | { error: Error };

/**
 * Imports each agent module the first time a task names it, and keeps it for the life of
 * the thread: an agent task is a message to a loaded module, never a new import.
 */
export class AgentLoader {
  private readonly modules = new Map<string, WorkerInit['agents'][number]>();
  private readonly loaded = new Map<string, Promise<LoadedAgent>>();
  private readonly settled = new Map<string, LoadedAgent>();

  constructor(agents: WorkerInit['agents']) {
    for (const agent of agents) this.modules.set(agent.id, agent);
  }

  has(id: string): boolean {
    return this.modules.has(id);
  }

  /** The agent once its module has loaded (or failed to): pooled tasks take it without awaiting an import. */
  ready(id: string): LoadedAgent | undefined {
    return this.settled.get(id);
  }

  load(id: string): Promise<LoadedAgent> {
    let loading = this.loaded.get(id);
    if (!loading) {
      loading = importAgent(this.modules.get(id)!).then((agent) => {
        this.settled.set(id, agent);
        return agent;
      });
      this.loaded.set(id, loading);
    }
    return loading;
  }
}

async function importAgent(agent: WorkerInit['agents'][number]): Promise<LoadedAgent> {
  const url = isAbsolute(agent.module) ? pathToFileURL(agent.module).href : agent.module;
  let exported: unknown;
  try {
    exported = ((await import(url)) as { default?: unknown }).default;
  } catch (error) {
    return { error: new Error(`its module ${agent.module} could not be imported: ${error instanceof Error ? error.message : String(error)}`, { cause: error }) };
  }
  const definition = exported as Partial<AgentDefinition> | undefined;
  if (typeof definition !== 'object' || definition === null || typeof definition.run !== 'function') {
    return { error: new Error(`the default export of ${agent.module} is not an agent (an object with a run() function, e.g. from defineAgent)`) };
  }
  return { definition: definition as AgentDefinition, version: typeof definition.version === 'string' ? definition.version : agent.version };
}
