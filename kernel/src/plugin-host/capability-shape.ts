import type { CapabilityKind } from '../types/capabilities.js';

/** Members each capability kind must have; checked at registration so a bad one fails setup, not a later run. */
const REQUIRED_MEMBERS: { readonly [K in CapabilityKind]: readonly (readonly [string, 'function' | 'string' | 'object'])[] } = {
  runners: [
    ['detect', 'function'],
    ['discover', 'function'],
    ['version', 'function'],
  ],
  cacheBackends: [
    ['get', 'function'],
    ['put', 'function'],
    ['has', 'function'],
    ['delete', 'function'],
    ['stats', 'function'],
  ],
  formatters: [
    ['kinds', 'object'],
    ['render', 'function'],
  ],
  agents: [
    ['module', 'string'],
    ['version', 'string'],
  ],
  mcpTools: [
    ['description', 'string'],
    ['inputSchema', 'object'],
    ['handler', 'function'],
  ],
};

export const CAPABILITY_KINDS = Object.keys(REQUIRED_MEMBERS).sort() as CapabilityKind[];

/** The first defect of a capability object, or undefined when it is well-formed. */
export function capabilityDefect(kind: CapabilityKind, value: unknown): { field: string; message: string } | undefined {
  if (value === null || typeof value !== 'object') return { field: kind, message: `ctx.${kind}.add() was given ${value === null ? 'null' : typeof value}, not an object` };
  const c = value as Record<string, unknown>;
  if (typeof c.id !== 'string' || c.id === '') return { field: `${kind}.id`, message: `a ${kind} capability needs a non-empty string "id"` };
  for (const [member, type] of REQUIRED_MEMBERS[kind]) {
    const actual = c[member] === null ? 'null' : typeof c[member];
    if (actual !== type) return { field: `${kind}.${c.id}.${member}`, message: `${kind} capability "${c.id}" needs "${member}" (${type}), received ${actual}` };
  }
  return undefined;
}
