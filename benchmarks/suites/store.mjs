// store.get.1kb / store.put.1kb: one ~1 KB record in the `results` database (the
// local cache tier), through the kernel's public openStore, so the format version
// and checksum every record carries are part of what is measured.
import { importKernel } from '../lib/load.mjs';
import { sampleFileResult } from '../lib/sample-record.mjs';

// Enough distinct keys that reads are not all served from one hot page.
const KEYS = 1000;
const key = (i) => `bench:${String(i).padStart(6, '0')}`;

export default async function storeSuite({ bench, tempDir, onTeardown }) {
  const { openStore } = await importKernel(['openStore'], 'store-entry');
  const store = await openStore({ path: tempDir('store') });
  onTeardown(() => store.close());
  const db = store.db('results');

  const records = Array.from({ length: KEYS }, (_, i) => sampleFileResult(i));
  await Promise.all(records.map((record, i) => db.put(key(i), record)));
  await store.flushed();
  const back = db.get(key(7));
  if (back?.file !== records[7].file || back.tests.length !== records[7].tests.length) {
    throw new Error(`store round-trip returned ${JSON.stringify(back)?.slice(0, 200)}`);
  }

  let g = 0;
  bench.add(
    'store.get.1kb',
    () => {
      if (db.get(key(g++ % KEYS)) === undefined) throw new Error('store.get.1kb: missing record');
    },
    { async: false },
  );

  // Awaited one at a time: the latency a caller sees until its write is committed.
  let p = 0;
  bench.add('store.put.1kb', async () => {
    const i = p++ % KEYS;
    await db.put(key(i), records[i]);
  });
}
