// The one metric shape latest.json and baselines share:
// { value (median), unit, lowerIsBetter, samples, p99? }.
import { median, round } from './stats.mjs';

export function metric(value, unit, samples, p99) {
  const m = { lowerIsBetter: true, samples, unit, value: round(value) };
  if (p99 !== undefined) m.p99 = round(p99);
  return m;
}

/** From hand-timed samples in ms; p99 of ~15 samples would just be the max, so none. */
export function fromSamples(samples) {
  return metric(median(samples), 'ms', samples.length);
}

/** From a finished tinybench task; its latency statistics are in ms. */
export function fromTask(task) {
  const { result } = task;
  if (result.state !== 'completed') {
    const reason = result.state === 'errored' ? (result.error?.stack ?? result.error) : result.state;
    throw new Error(`task ${task.name} did not complete: ${reason}`);
  }
  const { latency } = result;
  return metric(latency.p50, 'ms', latency.samplesCount, latency.p99);
}
