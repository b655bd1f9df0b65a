import { resolve } from 'node:path';
import { settleThreads } from '@aqe/kernel/head-start';
import { Command, type Interfaces } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { exitCodeOf } from '../exit-codes.js';
import { oclifPluginInputs } from '../oclif-plugins.js';
import { openKernel } from '../open-kernel.js';

export default class Mcp extends Command {
  static override summary = 'Serve the MCP tools of every plugin (discover, run, flaky report, ...) to an AI assistant over stdio.';
  static override description = 'Speaks the Model Context Protocol on stdin/stdout until stdin closes; logs go to stderr. Register it with your assistant as a stdio server running `npx aqe mcp --cwd <project>` (see docs/mcp.md).';
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --cwd packages/app'];
  static override flags = { cwd: BaseCommand.baseFlags.cwd, config: BaseCommand.baseFlags.config };

  async run(): Promise<void> {
    const { flags } = await this.parse(Mcp);
    // stdout carries the protocol: a stray console.log from a plugin would corrupt it.
    console.log = console.info = console.debug = console.error;
    // A server lives long and its agent tools should answer at once: start the pool now.
    const kernel = await openKernel({ cwd: resolve(flags.cwd), ...(flags.config === undefined ? {} : { config: resolve(flags.config) }), extra: oclifPluginInputs(this.config), prewarmAgents: true });
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const { serveMcp } = await import('@aqe/mcp-tools');
      await serveMcp({ kernel, stdin: process.stdin, stdout: process.stdout, version: this.config.version, signal: stop.signal, onError: (e) => process.stderr.write(`aqe mcp: ${e.message}\n`) });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await kernel.dispose();
      // A discover the server was stopped in the middle of may leave a config thread running.
      await settleThreads();
    }
  }

  protected override async catch(error: Interfaces.CommandError & Partial<Interfaces.OclifError>): Promise<unknown> {
    if (error.oclif?.exit !== undefined) return super.catch(error);
    return super.catch(Object.assign(error, { oclif: { exit: exitCodeOf(error) } }));
  }
}
