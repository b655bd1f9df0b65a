import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDirPluginInputs } from './data-dir-plugins.js';
import { exitCodeOf } from './exit-codes.js';
import { headStartDiscovery } from './head-start.js';
import { discoverExitCode, discoverKernelOptions, discoverReport } from './reports/discover.js';
import { runReport } from './run-report.js';

/**
 * `aqe discover` is meant to beat the frameworks' own listing by several times, and
 * loading oclif alone costs more than the warm discovery itself. So bin/run.js hands
 * the plain, well-formed forms of it here; anything this parser does not accept (help,
 * an unknown or malformed flag, a --cwd that does not exist) returns null and oclif
 * takes over, with its own help and error messages. The flags mirror the oclif command.
 */
export async function runFastPath(argv: readonly string[]): Promise<number | null> {
  if (argv[0] !== 'discover') return null;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.slice(1),
      strict: true,
      allowPositionals: false,
      options: {
        cwd: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        runner: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        cache: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
      },
    }));
  } catch {
    return null;
  }
  const cwd = resolve(typeof values.cwd === 'string' ? values.cwd : process.cwd());
  if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) return null;
  const format = typeof values.format === 'string' ? values.format : values.json ? 'json' : undefined;
  const flags = { cache: values['no-cache'] !== true, runner: values.runner as string[] | undefined };
  await headStartDiscovery(cwd, { cache: flags.cache, ...(flags.runner ? { runners: flags.runner } : {}) });
  try {
    return await runReport({
      cwd,
      ...(typeof values.config === 'string' ? { config: resolve(values.config) } : {}),
      ...(format === undefined ? {} : { format }),
      ...discoverKernelOptions(flags),
      extra: dataDirPluginInputs(),
      report: (kernel) => discoverReport(kernel, flags),
      exitCodeFor: discoverExitCode,
    });
  } catch (error) {
    // oclif's rendering of an error, without loading oclif.
    process.stderr.write(` ›   Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodeOf(error);
  }
}
