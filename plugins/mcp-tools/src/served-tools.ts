import type { Kernel, McpToolCapability } from '@aqe/kernel';

/** The tools served: the registry's, without those whose agents are not registered; sorted by name. */
export function servedTools(kernel: Kernel): McpToolCapability[] {
  const agents = new Set(kernel.agents.list());
  return kernel.registry
    .list('mcpTools')
    .filter((tool) => (tool.agents ?? []).every((a) => agents.has(a)))
    .sort((a, b) => a.id.localeCompare(b.id));
}
