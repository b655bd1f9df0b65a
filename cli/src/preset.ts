import agentsCore from '@aqe/agents-core';
import cacheLmdb from '@aqe/cache-lmdb';
import cacheRedis from '@aqe/cache-redis';
import cacheS3 from '@aqe/cache-s3';
import formatAi from '@aqe/format-ai';
import formatGithub from '@aqe/format-github';
import formatHuman from '@aqe/format-human';
import formatJson from '@aqe/format-json';
import formatJunit from '@aqe/format-junit';
import type { PluginInput } from '@aqe/kernel';
import mcpTools from '@aqe/mcp-tools';
import runnerBun from '@aqe/runner-bun';
import runnerJest from '@aqe/runner-jest';
import runnerNode from '@aqe/runner-node';
import runnerPlaywright from '@aqe/runner-playwright';
import runnerVitest from '@aqe/runner-vitest';

/**
 * The CLI's default plugin set. The kernel itself ships no plugins: a program that
 * embeds it names its own set, and can start from this one.
 */
export const builtinPlugins: readonly PluginInput[] = [
  formatHuman,
  formatJson,
  formatAi,
  formatJunit,
  formatGithub,
  cacheLmdb,
  cacheRedis,
  cacheS3,
  runnerBun,
  runnerJest,
  runnerNode,
  runnerPlaywright,
  runnerVitest,
  mcpTools,
  agentsCore,
].map((plugin) => ({ plugin, source: 'builtin' as const }));
