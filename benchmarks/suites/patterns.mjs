// patterns.match.{1k,10k,100k}: the failure-classifier's match of one new failure against
// a bank of N signatures — normalise the message (signatureOf), sketch it (MinHash) and
// look up its nearest neighbours in the LSH index (MatchIndex.nearest), as a worker does
// per failure with the index already in memory. patterns.scan.100k is the peer: the same
// sketch scored against every signature, what the index exists to avoid.
// Synthetic signatures from a seeded generator: same bank on every run and machine.
import { fileURLToPath } from 'node:url';
import { importBuilt } from '../lib/load.mjs';

const dist = fileURLToPath(new URL('../../plugins/agents-core/dist/patterns/index.js', import.meta.url));
const SIZES = [
  ['1k', 1_000],
  ['10k', 10_000],
  ['100k', 100_000],
];
const TYPES = ['AssertionError', 'TypeError', 'Error', 'ReferenceError', 'RangeError', 'TimeoutError', 'SyntaxError', 'FetchError'];

export default async function patternsSuite({ bench }) {
  const { MatchIndex, signatureOf, signatureText, sketch } = await importBuilt('@aqe/agents-core', dist, ['MatchIndex', 'signatureOf', 'signatureText', 'sketch']);
  const random = mulberry32(0x5eed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (n) => Math.floor(random() * n);
  const words = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
  // A bank entry is what signatureOf makes of a failure: numbers masked, frame without line.
  const signature = () => {
    const template = Array.from({ length: 6 + int(9) }, () => (random() < 0.15 ? '<n>' : pick(words))).join(' ');
    return { errorType: pick(TYPES), template, frame: `fn${int(500)} (src/m${int(400)}/f${int(50)}.ts)` };
  };
  // What a runner reports for a failure with that signature.
  const failureOf = (s) => {
    const message = s.template.replace(/<n>/g, () => String(int(1e4)));
    const [, fn, file] = /^(\S+) \((.+)\)$/.exec(s.frame);
    return { message, stack: `${s.errorType}: ${message}\n    at ${fn} (/repo/${file}:${1 + int(300)}:7)\n    at /repo/node_modules/x/index.js:1:1` };
  };

  // Sketched once, as the bank stores them; the 1k and 10k banks are prefixes of the 100k one.
  const signatures = Array.from({ length: 100_000 }, signature);
  const sketches = signatures.map((s) => sketch(signatureText(s)));
  const indexes = {};
  for (const [label, size] of SIZES) {
    const index = new MatchIndex();
    for (let i = 0; i < size; i++) index.add(`s${i}`, sketches[i]);
    indexes[label] = index;
  }

  // Queries: known failures seen again (other numbers, other line) and new ones.
  const queries = [];
  for (let i = 0; i < 50; i++) queries.push(failureOf(signatures[i * 17]), failureOf(signature()));
  if (indexes['100k'].nearest(sketch(signatureText(signatureOf(queries[2], '/repo'))), 3, 0.5)[0]?.id !== 's17') {
    throw new Error('patterns: a known failure seen again was not matched to its signature');
  }

  let q = 0;
  for (const [label] of SIZES) {
    const index = indexes[label];
    bench.add(`patterns.match.${label}`, () => index.nearest(sketch(signatureText(signatureOf(queries[q++ % queries.length], '/repo'))), 3, 0.5), { async: false });
  }
  bench.add('patterns.scan.100k', () => indexes['100k'].scan(sketch(signatureText(signatureOf(queries[q++ % queries.length], '/repo'))), 3, 0.5), { async: false });
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
