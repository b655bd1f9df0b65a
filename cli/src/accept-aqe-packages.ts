import { createRequire } from 'node:module';

type OclifCore = typeof import('@oclif/core');

/**
 * @oclif/plugin-plugins refuses a package whose package.json has no "oclif" block
 * ("plugin is invalid"). An aqe plugin is a plain package with an "aqe" manifest and no
 * commands, and the kernel, not oclif, validates it. So while an install or link runs,
 * a package with an "aqe" manifest counts as a valid oclif plugin too.
 *
 * plugin-plugins checks `valid` on what `Config.load` returns; the Config patched is
 * the one plugin-plugins resolves, so a second copy of @oclif/core cannot dodge it.
 * test/e2e/plugins-link.test.ts fails if an upgrade changes this path.
 */
export async function acceptingAqePackages<T>(work: () => Promise<T>): Promise<T> {
  const { Config } = createRequire(import.meta.resolve('@oclif/plugin-plugins'))('@oclif/core') as OclifCore;
  const load = Config.load;
  Config.load = async function loadAcceptingAqe(this: typeof Config, ...args: Parameters<typeof load>) {
    const config = await load.apply(this, args);
    if (!config.valid && config.pjson.aqe !== undefined) config.valid = true;
    return config;
  };
  try {
    return await work();
  } finally {
    Config.load = load;
  }
}
