// `--repeat N`: on this shared machine a whole process sometimes runs in a slow phase
// (a busy neighbour, the same code measured 2× slower for seconds at a time). The
// median of N whole-run medians follows the majority phase, which a single run cannot.
import { median, round } from './stats.mjs';

/** @param {Record<string, object>[]} runs metrics of each run, same ids in each */
export function combineRuns(runs) {
  if (runs.length === 1) return runs[0];
  const ids = Object.keys(runs[0]);
  return Object.fromEntries(
    ids.map((id) => {
      const all = runs.map((r) => r[id]);
      const m = { ...all[0], value: round(median(all.map((x) => x.value))), samples: all.reduce((n, x) => n + x.samples, 0) };
      if (all[0].p99 !== undefined) m.p99 = round(median(all.map((x) => x.p99)));
      return [id, m];
    }),
  );
}
