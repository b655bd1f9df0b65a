import type { DiscoverContext, DiscoverOutput } from '@aqe/kernel';
import { BUNFIG, loadBunfig } from './load-bunfig.js';
import { scanTestFiles } from './scan-tests.js';
import { passesFilters, readBunTestScript } from './script-args.js';

/**
 * bun test's files: its fixed naming rules, narrowed by bunfig.toml's [test] section and by
 * the paths the package's `bun test` script names (`bun test ./src`), as `npm test` runs it.
 */
export async function discoverBun(ctx: DiscoverContext): Promise<DiscoverOutput> {
  const present = ctx.files.includes(BUNFIG);
  const config = loadBunfig(ctx.root, present);
  const filters = readBunTestScript(ctx.root)?.filters ?? [];
  const files = scanTestFiles(ctx.root, ctx.files, config).filter((file) => passesFilters(file, filters));
  const inputs = [...(present ? [BUNFIG] : []), ...(ctx.files.includes('package.json') ? ['package.json'] : [])];
  return { files: files.sort(), inputs };
}
