/**
 * Preloaded into the server by `healthz-under-attack.ts` (LAG_TRACE=1): a 5 ms timer notes how late
 * it fires; a stall over 30 ms is written to stderr as one JSON line with the requests in flight
 * during it (those still open and those that ended since the timer last fired), which tells which
 * request held the main thread.
 */
import http from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';

const inFlight = new Map<number, string>();
const endedSinceTick = new Set<string>();
let next = 0;
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event === 'request') {
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    const id = next++;
    const name = `${request.method} ${request.url}`;
    inFlight.set(id, name);
    response.on('close', () => {
      inFlight.delete(id);
      endedSinceTick.add(name);
    });
  }
  return (emit as (event: string, ...args: unknown[]) => boolean).call(this, event, ...args);
} as typeof emit;

let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const stall = now - last - 5;
  last = now;
  if (stall > 30) process.stderr.write(`${JSON.stringify({ stallMs: Math.round(stall), inFlight: [...new Set([...inFlight.values(), ...endedSinceTick])] })}\n`);
  endedSinceTick.clear();
}, 5).unref();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.duration > 30) process.stderr.write(`${JSON.stringify({ gcMs: Math.round(entry.duration), heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) })}\n`);
}).observe({ entryTypes: ['gc'] });
