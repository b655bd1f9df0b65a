import { SKETCH_SIZE, similarity } from './minhash.js';

/** Bands × rows = SKETCH_SIZE. With rows 4 of 8 bands, pairs above ~0.6 Jaccard nearly always share a band, pairs under ~0.3 rarely do. */
const BANDS = 8;
const ROWS = SKETCH_SIZE / BANDS;

export interface Match {
  id: string;
  similarity: number;
}

/**
 * Locality-sensitive hashing over MinHash sketches: a query looks up its 8 band buckets
 * and scores only the signatures found there, so its cost follows the number of similar
 * signatures, not the size of the bank. Kept in memory by a worker between tasks.
 */
export class MatchIndex {
  private ids: string[] = [];
  private readonly ordinals = new Map<string, number>();
  private sketches = new Uint32Array(SKETCH_SIZE * 1024);
  /** Per band: band hash → ordinal, or ordinals once two share it (most buckets hold one: no array for them). */
  private readonly buckets: Map<number, number | number[]>[] = Array.from({ length: BANDS }, () => new Map());
  /** Per-query visit marks: avoids a Set allocation per query. */
  private marks = new Uint32Array(1024);
  private query = 0;

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.ordinals.has(id);
  }

  add(id: string, sketch: ArrayLike<number>): void {
    if (this.ordinals.has(id)) return;
    const ordinal = this.ids.length;
    this.grow(ordinal + 1);
    this.ids.push(id);
    this.ordinals.set(id, ordinal);
    this.sketches.set(sketch, ordinal * SKETCH_SIZE);
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(sketch, band);
      const bucket = this.buckets[band]!.get(key);
      if (bucket === undefined) this.buckets[band]!.set(key, ordinal);
      else if (typeof bucket === 'number') this.buckets[band]!.set(key, [bucket, ordinal]);
      else bucket.push(ordinal);
    }
  }

  /** The `limit` most similar signatures at or above `min`, most similar first, ties by id. */
  nearest(sketch: ArrayLike<number>, limit: number, min: number): Match[] {
    this.query = (this.query + 1) >>> 0 || 1;
    const out: Match[] = [];
    for (let band = 0; band < BANDS; band++) {
      const bucket = this.buckets[band]!.get(bandKey(sketch, band));
      if (bucket === undefined) continue;
      if (typeof bucket === 'number') this.visit(bucket, sketch, min, out);
      else for (const ordinal of bucket) this.visit(ordinal, sketch, min, out);
    }
    out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.slice(0, limit);
  }

  private visit(ordinal: number, sketch: ArrayLike<number>, min: number, out: Match[]): void {
    if (this.marks[ordinal] === this.query) return;
    this.marks[ordinal] = this.query;
    const s = similarity(sketch, this.sketches, ordinal * SKETCH_SIZE);
    if (s >= min) out.push({ id: this.ids[ordinal]!, similarity: s });
  }

  /** Every signature scored: the exhaustive peer the benchmark compares the index with. */
  scan(sketch: ArrayLike<number>, limit: number, min: number): Match[] {
    const out: Match[] = [];
    for (let ordinal = 0; ordinal < this.ids.length; ordinal++) {
      const s = similarity(sketch, this.sketches, ordinal * SKETCH_SIZE);
      if (s >= min) out.push({ id: this.ids[ordinal]!, similarity: s });
    }
    out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.slice(0, limit);
  }

  private grow(count: number): void {
    if (count * SKETCH_SIZE <= this.sketches.length) return;
    const sketches = new Uint32Array(this.sketches.length * 2);
    sketches.set(this.sketches);
    this.sketches = sketches;
    const marks = new Uint32Array(this.marks.length * 2);
    marks.set(this.marks);
    this.marks = marks;
  }
}

function bandKey(sketch: ArrayLike<number>, band: number): number {
  let h = 0x811c9dc5;
  for (let i = band * ROWS; i < (band + 1) * ROWS; i++) h = Math.imul(h ^ sketch[i]!, 0x01000193);
  return h >>> 0;
}
