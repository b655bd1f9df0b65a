import { formatValue } from './format.mjs';

// The comparison itself, kept apart from file handling so its rules are in one place.
// Values are medians already (see metric.mjs); a metric regresses when it moves the
// wrong way by more than the threshold, in percent of the baseline.

/** @returns {{ id, base?, latest?, deltaPct?, status: 'ok'|'improved'|'regressed'|'new'|'missing' }[]} */
export function compareMetrics(baseline, latest, thresholdPct) {
  const ids = [...new Set([...Object.keys(baseline), ...Object.keys(latest)])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return ids.map((id) => {
    const base = baseline[id];
    const now = latest[id];
    // A tracked metric that stopped being measured fails the gate: a deleted suite must
    // be a deliberate baseline refresh, not a silent loss of coverage.
    if (!now) return { id, base, status: 'missing' };
    if (!base) return { id, latest: now, status: 'new' };
    const deltaPct = base.value === 0 ? (now.value === 0 ? 0 : Number.POSITIVE_INFINITY) : ((now.value - base.value) / base.value) * 100;
    // lowerIsBetter is true for every metric today; honour it anyway so a future
    // throughput metric gates in the right direction.
    const worse = (base.lowerIsBetter ?? true) ? deltaPct : -deltaPct;
    const status = worse > thresholdPct ? 'regressed' : worse < -thresholdPct ? 'improved' : 'ok';
    return { id, base, latest: now, deltaPct, status };
  });
}

const ICONS = { ok: '✅ ok', improved: '🚀 improved', regressed: '❌ regressed', new: '🆕 new', missing: '⚠️ missing' };

const cell = (m) => (m ? formatValue(m.value, m.unit) : '—');
const pct = (d) => (d === undefined ? '—' : `${d >= 0 ? '+' : ''}${d.toFixed(1)}%`);

export function renderMarkdown(rows, { thresholdPct, baselineLabel, baseline, latest }) {
  const failing = rows.filter((r) => r.status === 'regressed' || r.status === 'missing');
  const lines = [
    '<!-- aqe-benchmark-compare -->',
    `### Benchmarks: ${failing.length === 0 ? 'no regression' : `${failing.length} regression(s)`}`,
    '',
    `Medians of \`npm run bench\` (${latest.node}, aqe ${latest.version}) against baseline \`${baselineLabel}\` (${baseline.node}, aqe ${baseline.version}); ` + `a lower-is-better metric fails when it is more than ${thresholdPct}% worse.`,
    '',
    '| metric | baseline | latest | delta | |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| \`${r.id}\` | ${cell(r.base)} | ${cell(r.latest)} | ${pct(r.deltaPct)} | ${ICONS[r.status]} |`),
    '',
  ];
  return { markdown: lines.join('\n'), failing };
}
