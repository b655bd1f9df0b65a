import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AqeError, type DiscoverContext, type DiscoverOutput, ErrorCodes } from '@aqe/kernel';
import { globArgTests, indexLayout, legacyArgTests, shellExpand } from './explicit-args.js';
import { findNodeTestCommands, type NodeTestCommand } from './node-test-commands.js';
import { nodeBinary, nodeVersion } from './node-binary.js';
import { type NodeTestSemantics, nodeTestSemantics } from './node-version.js';
import { isGlobDefaultTest, isLegacyDefaultTest, JS_EXTENSIONS, TS_EXTENSIONS } from './patterns.js';

/**
 * The files every `node --test` in package.json runs, by the rules of the Node version in
 * the detection, applied to the kernel's file index. Scripts run with the package root as
 * their working directory, so paths and patterns are relative to it.
 */
export async function discoverNodeTests(ctx: DiscoverContext): Promise<DiscoverOutput> {
  const semantics = nodeTestSemantics(ctx.detection.version ?? (await nodeVersion(nodeBinary(ctx.root), ctx.root)));
  const tests = new Set<string>();
  for (const command of findNodeTestCommands(readPackageJson(ctx.root))) {
    for (const file of filesRunBy(command, ctx, semantics)) tests.add(file);
  }
  return { files: [...tests].sort(), inputs: ['package.json'] };
}

function filesRunBy(command: NodeTestCommand, ctx: DiscoverContext, semantics: NodeTestSemantics): string[] {
  const stripsTypes = command.stripTypes ?? semantics.stripsTypesByDefault;
  if (command.args.length === 0) {
    if (!semantics.globs) {
      const underTestDir = basename(ctx.root) === 'test';
      return ctx.files.filter((file) => isLegacyDefaultTest(file, underTestDir));
    }
    const extensions = stripsTypes ? [...JS_EXTENSIONS, ...TS_EXTENSIONS] : JS_EXTENSIONS;
    return ctx.files.filter((file) => isGlobDefaultTest(file, extensions));
  }
  const layout = indexLayout(ctx.files);
  const args = shellExpand(command.args, layout);
  return semantics.globs ? globArgTests(args, layout) : legacyArgTests(args, layout, basename(ctx.root));
}

function readPackageJson(root: string): unknown {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  } catch (error) {
    throw new AqeError(ErrorCodes.RUNNER_CONFIG_FAILED, `could not load package.json: ${error instanceof Error ? error.message : String(error)}`, 'Make package.json valid JSON: its scripts say how node --test runs');
  }
}
