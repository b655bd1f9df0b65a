/**
 * Formatters colour and animate only when the CLI says so (they never sniff the
 * environment, so their output stays reproducible): a terminal, not CI, no NO_COLOR.
 */
export function isInteractive(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean } = process.stdout): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return stdout.isTTY === true && !ci && !noColor;
}
