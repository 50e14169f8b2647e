/**
 * A simulation thread (worker_threads): builds the versions' evaluators from the setup it is
 * started with, then decides the chunks of portfolio records it is sent and answers each with its
 * counts, changed applicants and bad rows. See simulatePortfolio in simulate.ts for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCatalog } from '../catalog.ts';
import { createChunkDecider, type SimulationSetup } from './decide-chunk.ts';
import type { FromSimulationThread, ToSimulationThread } from './simulate.ts';

const port = parentPort!;
const reply = (message: FromSimulationThread) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

try {
  // Validators compiled as the product's blocks need them: compiling every one at start-up costs a thread more than half a second.
  const decide = createChunkDecider((workerData as { setup: SimulationSetup }).setup, createCatalog(undefined, undefined, { compileAtStart: false }));
  port.on('message', (message: ToSimulationThread) => {
    try {
      reply({ kind: 'result', seq: message.seq, result: decide(message.records) });
    } catch (error) {
      reply({ kind: 'failed', seq: message.seq, message: messageOf(error) });
    }
  });
  reply({ kind: 'ready' });
} catch (error) {
  reply({ kind: 'failed', seq: -1, message: messageOf(error) });
}
