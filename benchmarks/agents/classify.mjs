// The benchmarks' agent: classify-rules.mjs as an aqe agent module.
import { defineAgent } from '@aqe/workers';
import { classify } from './classify-rules.mjs';

export default defineAgent({ name: 'bench-classify', version: '1.0.0', run: classify });
