/**
 * A simulation thread (worker_threads): loads the catalog, builds the versions' evaluators from
 * the setup it is started with (or sent, when it was started early, before the versions were
 * compiled), then decides the chunks of portfolio records it is sent and answers each with its
 * counts, changed applicants and bad rows. See simulatePortfolio in simulate.ts for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCatalog, type Catalog } from '../catalog.ts';
import { createChunkDecider, type ChunkResult, type SimulationSetup } from './decide-chunk.ts';
import type { FromSimulationThread, ToSimulationThread } from './simulate.ts';

const port = parentPort!;
const reply = (message: FromSimulationThread) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

// Validators compiled as the product's blocks need them: compiling every one at start-up costs a
// thread more than half a second. Schemas are not checked against the meta-schema, nor block
// configs against their schemas: the main thread did both before it sent the versions.
let catalog: Catalog | undefined;
let loadError: unknown;
try {
  catalog = createCatalog(undefined, undefined, { compileAtStart: false, checkSchemas: false });
} catch (error) {
  loadError = error;
}

let decide: ((records: Parameters<ReturnType<typeof createChunkDecider>>[0]) => ChunkResult) | undefined;
function setUp(setup: SimulationSetup): void {
  try {
    if (!catalog) throw loadError;
    decide = createChunkDecider(setup, catalog);
    reply({ kind: 'ready' });
  } catch (error) {
    reply({ kind: 'failed', seq: -1, message: messageOf(error) });
  }
}

port.on('message', (message: ToSimulationThread) => {
  if (message.kind === 'setup') return setUp(message.setup);
  try {
    if (!decide) throw new Error('a chunk came before the setup');
    reply({ kind: 'result', seq: message.seq, result: decide(message.records) });
  } catch (error) {
    reply({ kind: 'failed', seq: message.seq, message: messageOf(error) });
  }
});
const initial = (workerData as { setup?: SimulationSetup } | null)?.setup;
if (initial) setUp(initial);
