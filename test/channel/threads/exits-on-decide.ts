/** A decision thread that is ready at once and stops (exit code 3) on its first application: the pool must not lose that request. */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (message: { kind: string }) => {
  if (message.kind === 'decide') process.exit(3);
});
parentPort!.postMessage({ kind: 'ready' });
