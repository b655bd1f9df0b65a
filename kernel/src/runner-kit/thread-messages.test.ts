import { describe, expect, it } from 'vitest';
import { drainMessages } from './thread-messages.js';

describe('drainMessages', () => {
  it('takes every message queued on a port at once, in order, and nothing when none is', () => {
    const { port1, port2 } = new MessageChannel();
    port2.postMessage('a');
    port2.postMessage({ b: 1 });
    expect(drainMessages(port1)).toEqual(['a', { b: 1 }]);
    expect(drainMessages(port1)).toEqual([]);
    port1.close();
  });
});
