/**
 * Child process entry (spawned by run.ts with the project root as cwd and fd 3 for the
 * reporter's events): runs the project's own jest-cli the way its bin does, with the
 * arguments run.ts built. argv: <jest-cli entry> <jest arguments...>.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import eventChannel from '@aqe/kernel/event-channel';
import type { JestRunEvent } from './run-protocol.js';

interface ReadConfigs {
  globalConfig: { bail?: number };
  configs: { setupFilesAfterEnv?: string[]; testRunner?: string }[];
}
interface JestConfigApi {
  /** Synchronous in Jest 24, a promise from Jest 25. */
  readConfigs?(...args: unknown[]): ReadConfigs | Promise<ReadConfigs>;
}

const RETRY_SETUP = fileURLToPath(new URL('./retry-setup.cjs', import.meta.url));
/** Jest warns after 1s that it did not exit; aqe has every result by then and leaves. */
const EXIT_GRACE_MS = 1000;

const [cliPath, ...args] = process.argv.slice(2);
const require = createRequire(cliPath!);
const send = eventChannel.createEventSender<JestRunEvent>(Number(process.env.AQE_JEST_EVENTS_FD));
const retries = Number(process.env.AQE_JEST_RETRIES) || 0;
const bail = Number(process.env.AQE_JEST_BAIL) || 0;
if (retries > 0 || bail > 1) patchConfigs();
// As jest's bin does.
process.env.NODE_ENV ??= 'test';
const cli = require(cliPath!) as { run(argv?: string[]): Promise<void> };
try {
  await cli.run(args);
} catch {
  // jest-cli printed the error and is exiting with code 1.
  process.exitCode = 1;
}
setTimeout(() => {
  process.stderr.write(`aqe: Jest did not exit ${EXIT_GRACE_MS / 1000}s after the run: something the tests started is still open (jest --detectOpenHandles finds it)\n`);
  process.exit();
}, EXIT_GRACE_MS).unref();

/**
 * What Jest's CLI cannot say goes into the configs runCLI reads (jest-config's readConfigs,
 * from Jest 24). Retries: Jest has only jest.retryTimes(), so retry-setup.cjs goes first in
 * every project's setupFilesAfterEnv (a --setupFilesAfterEnv argument would replace the
 * project's own); only jest-circus honours it (Jest's default test runner from 27, jasmine2
 * before). A bail count: the CLI's --bail is a switch, the config's `bail` a count of failed
 * tests. Where Jest cannot do what was asked, the run says so once.
 */
function patchConfigs(): void {
  const api = jestConfigApi();
  const readConfigs = api?.readConfigs?.bind(api);
  if (!api || !readConfigs) {
    if (retries > 0) send({ type: 'notice', message: 'Jest did not retry failing tests: retries need Jest 24 or later (jest.retryTimes in setupFilesAfterEnv); each test ran once' });
    if (bail > 1) send({ type: 'notice', message: `Jest stopped at the first failing test, not after ${bail}: a bail count needs Jest 24 or later` });
    return;
  }
  const patch = (read: ReadConfigs): ReadConfigs => {
    if (retries > 0 && read.configs.some((config) => !String(config.testRunner ?? '').includes('jest-circus'))) {
      send({ type: 'notice', message: 'Jest did not retry failing tests: jest.retryTimes works only with the jest-circus test runner (Jest 27 and later by default; set testRunner: "jest-circus/runner" before); each test ran once' });
    }
    return {
      ...read,
      globalConfig: bail > 1 ? { ...read.globalConfig, bail } : read.globalConfig,
      configs: retries > 0 ? read.configs.map((config) => ({ ...config, setupFilesAfterEnv: [RETRY_SETUP, ...(config.setupFilesAfterEnv ?? [])] })) : read.configs,
    };
  };
  const patched: JestConfigApi['readConfigs'] = (...readArgs) => {
    const read = readConfigs(...readArgs);
    return read instanceof Promise ? read.then(patch) : patch(read);
  };
  Object.defineProperty(api, 'readConfigs', { value: patched, configurable: true, enumerable: true, writable: true });
}

/**
 * The jest-config jest-cli runs with: @jest/core's from Jest 24 (jest-cli depends on
 * @jest/core), jest-cli's own before. Asked by dependency, not by trying @jest/core: an
 * older jest-cli could find an unrelated newer @jest/core further up the directory tree.
 */
function jestConfigApi(): JestConfigApi | undefined {
  try {
    const manifest = JSON.parse(readFileSync(require.resolve('jest-cli/package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const core = manifest.dependencies?.['@jest/core'] ? createRequire(require.resolve('@jest/core')) : require;
    return core('jest-config') as JestConfigApi;
  } catch {
    return undefined;
  }
}
