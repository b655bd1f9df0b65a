import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { AgentRunOptions } from '@aqe/kernel';
import type { TaskPortMessage } from './protocol.js';

/**
 * A channel for one task's progress and events, made only when the caller listens (a
 * channel costs more than a whole pooled dispatch). The worker's reply travels on another
 * port, so close() first reads what is still queued here: every progress call reaches the
 * caller before the task settles.
 */
export class TaskChannel {
  readonly remote: MessagePort;
  private readonly local: MessagePort;
  /** The first error the caller's onProgress/onEvent threw: run() rejects with it rather than let it crash the process. */
  callbackError: { error: unknown } | undefined;

  static for(options: AgentRunOptions): TaskChannel | undefined {
    return options.onProgress || options.onEvent ? new TaskChannel(options) : undefined;
  }

  private constructor(private readonly options: AgentRunOptions) {
    const { port1, port2 } = new MessageChannel();
    this.local = port1;
    this.remote = port2;
    port1.on('message', (message: TaskPortMessage) => this.deliver(message));
  }

  close(): void {
    for (let next = receiveMessageOnPort(this.local); next; next = receiveMessageOnPort(this.local)) this.deliver(next.message as TaskPortMessage);
    this.local.close();
  }

  private deliver(message: TaskPortMessage): void {
    try {
      if (message.type === 'progress') this.options.onProgress?.(message.done, message.total);
      else this.options.onEvent?.(message.name, message.data);
    } catch (error) {
      this.callbackError ??= { error };
    }
  }
}
