// Times whole processes. The commands run interleaved, alternating which goes first,
// so a burst of load from a neighbour on this shared machine lands on both sides of
// a comparison instead of skewing one of them.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

function runOnce({ name, command, args, cwd, env }) {
  const start = performance.now();
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (child.error) throw new Error(`${name}: cannot spawn ${command}: ${child.error.message}`);
  if (child.status !== 0) {
    throw new Error(`${name}: \`${command} ${args.join(' ')}\` exited ${child.status}\n${child.stderr}`);
  }
  return { ms, stdout: child.stdout };
}

/**
 * @param {{name: string, command: string, args: string[], cwd: string, env?: Record<string, string>}[]} commands
 * @returns {Record<string, number[]>} samples in ms per command name
 */
export function timeSpawns(commands, { iterations = 15, warmup = 2 } = {}) {
  const samples = Object.fromEntries(commands.map((c) => [c.name, []]));
  // Warm-up fills the OS file cache and V8's code cache; it also proves each command works.
  for (let i = 0; i < warmup; i++) for (const c of commands) runOnce(c);
  for (let i = 0; i < iterations; i++) {
    const order = i % 2 === 0 ? commands : [...commands].reverse();
    for (const c of order) samples[c.name].push(runOnce(c).ms);
  }
  return samples;
}

export { runOnce };
