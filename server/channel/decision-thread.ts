/**
 * A decision thread (worker_threads) of the channel runtime: builds evaluators from the definitions
 * the main thread sends and answers decision requests with them (body text in, JSON text out). See
 * DecisionPool in decision-pool.ts for the protocol.
 */
import { parentPort } from 'node:worker_threads';
import { defaultCatalog } from '../catalog.ts';
import { buildEvaluator, type Evaluator } from '../engine/runtime/evaluator.ts';
import type { FromDecisionThread, ToDecisionThread } from './decision-pool.ts';
import { answerDecision } from './decision-request.ts';

const port = parentPort!;
const catalog = defaultCatalog();
const evaluators = new Map<string, Evaluator>();
const failures = new Map<string, string>(); // versions whose build failed here

const reply = (message: FromDecisionThread) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

port.on('message', (message: ToDecisionThread) => {
  switch (message.kind) {
    case 'load':
      try {
        evaluators.set(message.key, buildEvaluator(message.definition, catalog));
        failures.delete(message.key);
      } catch (error) {
        failures.set(message.key, messageOf(error));
      }
      return;
    case 'drop':
      evaluators.delete(message.key);
      failures.delete(message.key);
      return;
    case 'decide': {
      const evaluator = evaluators.get(message.key);
      if (!evaluator) return reply({ id: message.id, kind: 'unavailable', message: failures.get(message.key) ?? `version ${message.key} is not loaded` });
      try {
        reply({ id: message.id, kind: 'answer', reply: answerDecision(evaluator, message.call) });
      } catch (error) {
        reply({ id: message.id, kind: 'unavailable', message: messageOf(error) });
      }
    }
  }
});
port.postMessage({ kind: 'ready' });
