import type { DiscoverContext, DiscoverOutput } from '@aqe/kernel';
import { BUNFIG, loadBunfig } from './load-bunfig.js';
import { scanTestFiles } from './scan-tests.js';

/** bun test's files: its fixed naming rules, narrowed by bunfig.toml's [test] section. */
export async function discoverBun(ctx: DiscoverContext): Promise<DiscoverOutput> {
  const present = ctx.files.includes(BUNFIG);
  const config = loadBunfig(ctx.root, present);
  return { files: scanTestFiles(ctx.root, ctx.files, config).sort(), inputs: present ? [BUNFIG] : [] };
}
