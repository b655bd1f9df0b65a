import { join } from 'node:path';
import { readProjectPackage } from '../discovery/project-package.js';
import type { DiscoverReport } from '../types/capabilities.js';

/** How a package's `test` script names each runner. */
const SCRIPT_WORDS: Record<string, RegExp> = {
  vitest: /\bvitest\b/,
  jest: /\bjest\b/,
  playwright: /\bplaywright\s+test\b/,
  node: /\bnode\b[^&|;]*\s--test\b/,
  bun: /\bbun\s+test\b/,
};

/**
 * A test file two runners claim (a Jest → Vitest migration where both configs match it)
 * runs once, under the runner the package's `test` script uses; without such a script both
 * keep it, as running each framework would. Returns the notices to say once per run.
 */
export function resolveSharedClaims(cwd: string, report: DiscoverReport): string[] {
  const notices: string[] = [];
  const byProject = new Map<string, DiscoverReport['runners']>();
  for (const entry of report.runners) {
    const list = byProject.get(entry.project ?? '') ?? [];
    list.push(entry);
    byProject.set(entry.project ?? '', list);
  }
  for (const [project, entries] of byProject) {
    if (entries.length < 2) continue;
    const script = testScript(join(cwd, project));
    const chosen = script === undefined ? undefined : entries.filter((e) => SCRIPT_WORDS[e.runner]?.test(script));
    if (chosen?.length !== 1) continue;
    const keeper = chosen![0]!;
    const kept = new Set(keeper.files);
    for (const entry of entries) {
      if (entry === keeper) continue;
      const shared = entry.files.filter((f) => kept.has(f));
      if (shared.length === 0) continue;
      entry.files = entry.files.filter((f) => !kept.has(f));
      const where = project === '' ? '' : ` in ${project}`;
      notices.push(`${shared.length} test file(s)${where} match both ${entry.runner} and ${keeper.runner}: run with ${keeper.runner} only, as the package's test script does`);
    }
  }
  return notices;
}

function testScript(dir: string): string | undefined {
  const scripts = readProjectPackage(dir)?.scripts;
  const test = typeof scripts === 'object' && scripts !== null ? (scripts as Record<string, unknown>).test : undefined;
  return typeof test === 'string' ? test : undefined;
}
