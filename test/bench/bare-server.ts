/** Child process of the benchmark: a bare Express 5 app answering a constant JSON, the ceiling for any Express endpoint on this machine. */
import express from 'express';

const app = express();
const body = { status: 'ok', outcome: 'approve' };
app.get('/', (_req, res) => void res.json(body));
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
