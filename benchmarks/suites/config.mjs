// config.load: find, read and validate an aqe.config.json through the kernel's
// exported loadConfig — the step createKernel runs first — without the store and
// plugin work that kernel.start.* already measures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importKernel } from '../lib/load.mjs';

// Every key set, so validation walks the whole schema; plugins stay empty because
// naming one would need a resolvable package (and loadConfig does not load plugins).
const CONFIG = {
  plugins: [],
  strict: false,
  hookTimeoutMs: 5000,
  storeDir: '.aqe/store',
  discoverInstalled: false,
  disable: ['nothing-to-disable'],
};

export default async function configSuite({ bench, tempDir }) {
  const { loadConfig } = await importKernel(['loadConfig']);
  const cwd = tempDir('config');
  writeFileSync(join(cwd, 'aqe.config.json'), `${JSON.stringify(CONFIG, null, 2)}\n`);

  // The metric is only about config if the file is really the one found and read.
  const config = await loadConfig(cwd);
  if (config.source !== 'aqe.config.json' || config.hookTimeoutMs !== CONFIG.hookTimeoutMs) {
    throw new Error(`config.load: expected aqe.config.json to be loaded, got source ${config.source}`);
  }

  bench.add('config.load', () => loadConfig(cwd), { async: true });
}
