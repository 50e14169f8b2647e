/**
 * One autocannon run in its own small process: `node load.mjs < options.json` (autocannon's options as JSON on stdin)
 * prints autocannon's result as JSON. The benchmark process holds 10,000 applications and three
 * engines; generating load from it would let its garbage collection stall the client, so the
 * load generator runs apart, as a channel's client would.
 */
import autocannon from 'autocannon';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const options = JSON.parse(Buffer.concat(chunks).toString('utf8')) as autocannon.Options;
const result = await autocannon(options);
process.stdout.write(`${JSON.stringify(result)}\n`);
