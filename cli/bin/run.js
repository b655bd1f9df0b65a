#!/usr/bin/env node
// Start-up is a tracked benchmark: `aqe --version` may cost at most 2.5× a bare
// `node -e 0`, and importing @oclif/core alone costs more than that. So the one call
// that needs nothing but package.json is answered here, with the exact line oclif
// prints (its `config.userAgent`). `aqe discover` in its plain forms runs without
// oclif too (dist/fast-path.js: a warm discovery is cheaper than importing oclif).
// Everything else goes through oclif, which reads oclif.manifest.json and imports
// only the command it runs.
import { readFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';

const argv = process.argv.slice(2);

// A reader that stops early (`aqe discover --json | head`) closes the pipe. That is no
// error of aqe's: stop quietly with the command's exit code, as git and coreutils do.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v') && !mayBeWsl()) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const cpu = arch() === 'ia32' ? 'x86' : arch();
  process.stdout.write(`${pkg.name}/${pkg.version} ${platform()}-${cpu} node-${process.version}\n`);
} else {
  // Only discover has a fast path: other commands should not load its modules first.
  const code = argv[0] === 'discover' ? await (await import('../dist/fast-path.js')).runFastPath(argv) : null;
  if (code === null) {
    const { execute } = await import('@oclif/core');
    await execute({ dir: import.meta.url });
  } else {
    process.exitCode = code;
  }
  // The command has finished. A plugin may still hold a timer or socket open (a hung
  // hook the kernel timed out): it must not keep aqe alive. Exit once stdout has drained
  // (a pipe can be asynchronous, e.g. on macOS), with the code the command set.
  if (process.stdout.writableNeedDrain) await new Promise((resolve) => process.stdout.once('drain', resolve));
  process.exit();
}

/** oclif reports the platform "wsl" there; leave that case to oclif rather than copy its detection. */
function mayBeWsl() {
  if (platform() !== 'linux') return false;
  if (release().toLowerCase().includes('microsoft')) return true;
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft');
  } catch {
    return false;
  }
}
