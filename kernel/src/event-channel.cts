/**
 * `@aqe/kernel/event-channel`: how a reporter running inside a framework's process (Jest,
 * Playwright) hands aqe its events — one JSON line per event on an inherited descriptor.
 * CommonJS, because frameworks `require` their reporters. Writes are synchronous, so
 * nothing is lost when the framework exits right after its last event (--bail).
 */
import fs = require('node:fs');

/** A sender of events on descriptor `fd`; an fd that is not a number, or a pipe aqe closed, makes it a no-op. */
function createEventSender<Event>(fd: number): (event: Event) => void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let broken = !Number.isInteger(fd);
  return (event) => {
    if (broken) return;
    let bytes = Buffer.from(`${JSON.stringify(event)}\n`);
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(fs.writeSync(fd, bytes));
      } catch (error) {
        // A non-blocking pipe that is full: wait for aqe to read. Anything else (aqe gone): stop.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(sleeper, 0, 0, 2);
        else {
          broken = true;
          return;
        }
      }
    }
  };
}

export = { createEventSender };
