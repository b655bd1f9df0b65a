import type { Resolver } from './resolver.js';
import type { SourceFile, SourceFiles } from './source-files.js';

/**
 * Every file reachable from `starts` through local imports, the starts included, with
 * its content hash. A start that is missing is absent from the result; cycles are fine.
 */
export function reachable(starts: readonly string[], files: SourceFiles, resolver: Resolver): Map<string, SourceFile> {
  const seen = new Map<string, SourceFile>();
  const queue = [...starts];
  const queued = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const next = queue[i]!;
    const file = files.get(next);
    if (!file) continue;
    seen.set(next, file);
    for (const specifier of file.specifiers) {
      for (const target of resolver.resolve(next, specifier)) {
        if (queued.has(target)) continue;
        queued.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}
