// cli.startup.version: `aqe --version` as a whole process, beside a bare `node -e 0`
// timed in the same run, so the ratio (target ≤ 2.5×) means the same on any machine.
// cli.startup.help: `aqe --help`, which boots oclif (manifest, help class). bin/run.js
// answers `--version` before importing oclif, so without this metric oclif's own
// start-up cost, which every real command pays, would go untracked.
import { existsSync } from 'node:fs';
import { MissingBuildError } from '../lib/load.mjs';
import { fromSamples, metric } from '../lib/metric.mjs';
import { cliBin } from '../lib/paths.mjs';
import { median } from '../lib/stats.mjs';
import { runOnce, timeSpawns } from '../lib/spawn-timer.mjs';

// 12 rounds of three interleaved processes: ~8 s here, the bulk of the whole bench.
const ITERATIONS = 12;

export default async function cliStartup({ tempDir }) {
  if (!existsSync(cliBin)) throw new MissingBuildError('@aqe/cli', cliBin);
  // An empty project dir: `--version` must not depend on where it runs.
  const cwd = tempDir('cli');
  const bare = { name: 'node.startup.bare', command: process.execPath, args: ['-e', '0'], cwd };
  const cli = { name: 'cli.startup.version', command: process.execPath, args: [cliBin, '--version'], cwd };
  const help = { name: 'cli.startup.help', command: process.execPath, args: [cliBin, '--help'], cwd };

  // A CLI that fails fast would look like a great start-up time: check it printed a version.
  const { stdout } = runOnce(cli);
  if (!/\d+\.\d+\.\d+/.test(stdout)) throw new Error(`aqe --version printed no version: ${JSON.stringify(stdout)}`);

  const samples = timeSpawns([bare, cli, help], { iterations: ITERATIONS });
  const ratio = median(samples[cli.name]) / median(samples[bare.name]);
  return {
    [bare.name]: fromSamples(samples[bare.name]),
    [cli.name]: fromSamples(samples[cli.name]),
    [help.name]: fromSamples(samples[help.name]),
    'cli.startup.ratio': metric(ratio, 'x', ITERATIONS),
  };
}
