const { createKernel } = await import('@aqe/kernel');
const { builtinPlugins } = await import('./dist/preset.js');
const t = performance.now();
const k = await createKernel({ cwd: process.cwd(), plugins: builtinPlugins });
const t1 = performance.now();
const d = await k.discover({ runners: ['jest'] });
const t2 = performance.now();
await k.dispose();
console.log('createKernel', (t1 - t).toFixed(1), 'discover', (t2 - t1).toFixed(1), 'dispose', (performance.now() - t2).toFixed(1));
