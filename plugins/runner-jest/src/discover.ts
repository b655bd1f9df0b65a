import type { DiscoverContext, DiscoverOutput } from '@aqe/kernel';
import { relativeInside } from '@aqe/kernel/runner-kit';
import { loadJestConfig } from './load-config.js';
import { selectTestFiles } from './select-tests.js';

/**
 * Jest's test files: every project of the resolved config applied to the kernel's file
 * index. The union is what `jest --listTests` prints (it de-duplicates across projects);
 * where the config could only be resolved by that command, its list as it is.
 */
export async function discoverJest(ctx: DiscoverContext): Promise<DiscoverOutput> {
  // Named in errors when the failing config cannot be told; Jest itself falls back to package.json.
  const configFile = ctx.detection.configFiles[0] ?? 'package.json';
  const config = await loadJestConfig(ctx.root, configFile, ctx.signal);
  const files = new Set<string>();
  if ('listed' in config) {
    for (const path of config.listed) {
      const file = relativeInside(ctx.root, path);
      if (file) files.add(file);
    }
  } else {
    for (const project of config.projects) {
      for (const file of selectTestFiles(ctx.root, ctx, project)) files.add(file);
    }
  }
  return { files: [...files].sort(), inputs: config.inputs };
}
