/**
 * MinHash over the word unigrams and bigrams of a signature's text: two signatures'
 * sketches agree in a share of positions that estimates the Jaccard similarity of their
 * word sets. Hashes are 32-bit and seeded by constants, so sketches are stable across
 * processes and can be stored.
 */
export const SKETCH_SIZE = 32;

const SEEDS = Uint32Array.from({ length: SKETCH_SIZE }, (_, i) => fmix32(0x9e3779b9 + Math.imul(i + 1, 0x85ebca6b)));

/**
 * Words are runs of letters, digits, `_`, `$` and the `<` `>` of masks (`<n>`), lower-cased
 * (ASCII); everything else separates them. Hashed while scanning: no strings, no arrays,
 * so a match allocates nothing but its sketch. Repeated shingles need no dedupe: the
 * minimum of a set does not change when an element repeats.
 */
export function sketch(text: string): Uint32Array {
  const out = new Uint32Array(SKETCH_SIZE).fill(0xffffffff);
  let previous = 0;
  let words = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (isWordChar(code)) {
      h = Math.imul(h ^ (code >= 65 && code <= 90 ? code + 32 : code), FNV_PRIME);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    const word = h >>> 0;
    mix(out, word);
    if (words > 0) mix(out, fmix32(Math.imul(previous, FNV_PRIME) ^ word));
    previous = word;
    words++;
    h = FNV_OFFSET;
    inWord = false;
  }
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code === 60 || code === 62 || code > 127;
}

function mix(out: Uint32Array, h: number): void {
  for (let i = 0; i < SKETCH_SIZE; i++) {
    const v = fmix32(h ^ SEEDS[i]!);
    if (v < out[i]!) out[i] = v;
  }
}

/** Share of equal positions: the Jaccard estimate. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>, bOffset = 0): number {
  let same = 0;
  for (let i = 0; i < SKETCH_SIZE; i++) if (a[i] === b[bOffset + i]) same++;
  return same / SKETCH_SIZE;
}

/** murmur3's finaliser: a full-avalanche mix of 32 bits. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
