/**
 * Targets of a package.json `exports` or `imports` map for one subpath (`.`, `./format`,
 * `#internal`), following Node's matching rules (exact key, else the longest `*` pattern)
 * but taking the target of every condition: Vitest resolves `import`, Jest `require`,
 * a bundler `module` or a custom one, and the key must cover whichever the runner picks.
 */
export function mapTargets(map: unknown, subpath: string): string[] {
  const entries = normalise(map);
  if (!entries) return [];
  if (Object.hasOwn(entries, subpath)) return targets(entries[subpath], undefined);
  let best: { key: string; match: string } | undefined;
  for (const key of Object.keys(entries)) {
    const star = key.indexOf('*');
    if (star === -1 || key.indexOf('*', star + 1) !== -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.length < key.length - 1 || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
    if (!best || prefix.length > best.key.indexOf('*')) best = { key, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
  }
  return best ? targets(entries[best.key], best.match) : [];
}

/** `"exports": "./x.js"`, an array or an object of conditions all mean the `.` subpath. */
function normalise(map: unknown): Record<string, unknown> | undefined {
  if (typeof map === 'string' || Array.isArray(map)) return { '.': map };
  if (!map || typeof map !== 'object') return undefined;
  const keys = Object.keys(map);
  if (keys.length > 0 && keys.every((key) => !key.startsWith('.') && !key.startsWith('#'))) return { '.': map };
  return map as Record<string, unknown>;
}

function targets(value: unknown, match: string | undefined): string[] {
  if (typeof value === 'string') return [match === undefined ? value : value.replaceAll('*', match)];
  if (Array.isArray(value)) return value.flatMap((v) => targets(v, match));
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => targets(v, match));
  return [];
}
