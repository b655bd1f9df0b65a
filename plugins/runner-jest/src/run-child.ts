/**
 * Child process entry (spawned by run.ts with the project root as cwd and fd 3 for the
 * reporter's events): runs the project's own jest-cli the way its bin does, with the
 * arguments run.ts built. argv: <jest-cli entry> <jest arguments...>.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface JestConfigApi {
  readConfigs(...args: unknown[]): Promise<{ configs: { setupFilesAfterEnv?: string[] }[] }>;
}

const RETRY_SETUP = fileURLToPath(new URL('./retry-setup.cjs', import.meta.url));
/** Jest warns after 1s that it did not exit; aqe has every result by then and leaves. */
const EXIT_GRACE_MS = 1000;

const [cliPath, ...args] = process.argv.slice(2);
const require = createRequire(cliPath!);
if (Number(process.env.AQE_JEST_RETRIES) > 0) addRetrySetup();
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
 * Jest has no retry option, only jest.retryTimes(): put retry-setup.cjs first in every
 * project's setupFilesAfterEnv, in the configs runCLI reads (a --setupFilesAfterEnv
 * argument would replace the project's own).
 */
function addRetrySetup(): void {
  try {
    const core = createRequire(require.resolve('@jest/core'));
    const api = core('jest-config') as JestConfigApi;
    const readConfigs = api.readConfigs.bind(api);
    const patched: JestConfigApi['readConfigs'] = async (...readArgs) => {
      const read = await readConfigs(...readArgs);
      return { ...read, configs: read.configs.map((config) => ({ ...config, setupFilesAfterEnv: [RETRY_SETUP, ...(config.setupFilesAfterEnv ?? [])] })) };
    };
    Object.defineProperty(api, 'readConfigs', { value: patched, configurable: true, enumerable: true, writable: true });
  } catch (error) {
    process.stderr.write(`aqe: cannot enable retries with this Jest (${error instanceof Error ? error.message : String(error)})\n`);
  }
}
