import type { CapabilityKind, CapabilityKinds } from '../types/capabilities.js';
import type { Registry } from '../types/kernel.js';

type Entry<K extends CapabilityKind> = { capability: CapabilityKinds[K]; plugin: string };

/** Capabilities by kind and id; ids are unique per kind across all plugins. */
export class CapabilityRegistry implements Registry {
  private readonly entries = new Map<CapabilityKind, Map<string, Entry<CapabilityKind>>>();

  list<K extends CapabilityKind>(kind: K): CapabilityKinds[K][] {
    return [...(this.entries.get(kind)?.values() ?? [])].map((e) => e.capability as CapabilityKinds[K]);
  }

  get<K extends CapabilityKind>(kind: K, id: string): CapabilityKinds[K] | undefined {
    return this.entries.get(kind)?.get(id)?.capability as CapabilityKinds[K] | undefined;
  }

  owner(kind: CapabilityKind, id: string): string | undefined {
    return this.entries.get(kind)?.get(id)?.plugin;
  }

  has(kind: CapabilityKind, id: string): boolean {
    return this.entries.get(kind)?.has(id) ?? false;
  }

  add<K extends CapabilityKind>(kind: K, capability: CapabilityKinds[K], plugin: string): void {
    let byId = this.entries.get(kind);
    if (!byId) {
      byId = new Map();
      this.entries.set(kind, byId);
    }
    byId.set(capability.id, { capability, plugin });
  }
}
