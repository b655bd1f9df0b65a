/**
 * A tiny real HTTP proxy that injects faults in front of a real server (s3rver, say),
 * for tests of how a client copes with a failing or slow service:
 *
 *   const proxy = await startFaultProxy(s3.endpoint);
 *   proxy.fault = { status: 500 };       // answer every request 500 with an S3 error body
 *   proxy.fault = { delayMs: 3000 };     // hold each request that long, then forward it
 *   proxy.fault = undefined;             // pass everything through
 *   proxy.requests                       // how many requests arrived so far
 *   await proxy.stop();
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

type Fault = { status: number } | { delayMs: number };

export interface FaultProxy {
  url: string;
  fault: Fault | undefined;
  requests: number;
  stop(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const timers = new Set<NodeJS.Timeout>();
  const state: { fault: Fault | undefined; requests: number } = { fault: undefined, requests: 0 };

  const server = createServer((req, res) => {
    state.requests++;
    const fault = state.fault;
    if (fault && 'status' in fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected by the test proxy</Message></Error>`);
      return;
    }
    const forward = () => {
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (fault && 'delayMs' in fault) {
      req.pause();
      const timer = setTimeout(() => {
        timers.delete(timer);
        forward();
      }, fault.delayMs);
      timers.add(timer);
    } else {
      forward();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get fault() {
      return state.fault;
    },
    set fault(value) {
      state.fault = value;
    },
    get requests() {
      return state.requests;
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
