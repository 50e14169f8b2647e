/**
 * Child process of the benchmark: bare Express 5 apps, the ceilings for any Express endpoint on this machine.
 * `GET /` answers a constant JSON. `POST /decisions` parses the JSON body like the decision endpoint and
 * answers, with no decision work, the very bytes our server answers for that application (precomputed by
 * the benchmark, file in BENCH_RESPONSES, picked by the `x-bench-index` header): what the stack, the
 * loopback and the load generator cost for the decision endpoint's requests and responses.
 */
import fs from 'node:fs';
import express from 'express';

const app = express();
const body = { status: 'ok', outcome: 'approve' };
const responses = process.env.BENCH_RESPONSES ? (JSON.parse(fs.readFileSync(process.env.BENCH_RESPONSES, 'utf8')) as string[]) : [];
app.get('/', (_req, res) => void res.json(body));
app.post('/decisions', express.json({ limit: '1mb' }), (req, res) => {
  const answer = responses[Number(req.headers['x-bench-index'])] ?? '{}';
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(answer));
  res.end(answer);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
