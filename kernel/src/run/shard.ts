/** `--shard 2/3` → { index: 2, count: 3 }; null when malformed (the CLI turns that into a usage error). */
export function parseShard(text: string): { index: number; count: number } | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : null;
}

/**
 * The files of shard `index` (1-based) of `count`: longest-processing-time-first over
 * recorded durations, so shards finish together; files with no history weigh the mean
 * of those that have one (1 when none has), which is balancing by file count. Ties go
 * by path, so every machine of a CI matrix computes the same split.
 */
export function selectShard(files: readonly string[], durations: ReadonlyMap<string, number>, index: number, count: number): string[] {
  const known = files.map((f) => durations.get(f)).filter((d): d is number => d !== undefined);
  const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const weighted = files.map((file) => ({ file, weight: durations.get(file) ?? fallback })).sort((a, b) => b.weight - a.weight || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const loads = Array.from({ length: count }, () => 0);
  const picked: string[] = [];
  for (const { file, weight } of weighted) {
    let target = 0;
    for (let i = 1; i < count; i++) if (loads[i]! < loads[target]!) target = i;
    loads[target]! += weight;
    if (target === index - 1) picked.push(file);
  }
  return picked.sort();
}
