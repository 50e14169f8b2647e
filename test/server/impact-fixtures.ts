import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Agent } from 'supertest';
import { expect } from 'vitest';
import type { TestServer } from './fixtures.ts';

/** The flash-loan example's samples and a copy of the product, for the impact tests (#16). */
export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
export interface Sample {
  application: { applicant: Record<string, unknown> };
  request: Record<string, unknown>;
  expected: { outcome: string };
}
export const samples: Sample[] = fs
  .readdirSync(path.join(EXAMPLES, 'flash-loan', 'samples'))
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'flash-loan', 'samples', file), 'utf8')));
export const ID_NUMBER = '530102198001011234';
/** The samples as decision requests, each with an ID number (personal data that must stay in the portfolio file). */
export const portfolioLines = (copies = 1) =>
  Array.from({ length: copies }, () =>
    samples.map(({ application, request: { channel, ...request } }) =>
      JSON.stringify({ application: { ...application, channel, applicant: { ...application.applicant, idNumber: ID_NUMBER } }, ...request }),
    ),
  ).flat();
const name = { 'zh-CN': '闪电贷副本', en: 'Flash loan copy' };

/** Creates "flash-copy" from the flash-loan template and publishes it as version 1 (no simulation: nothing was published before). */
export async function publishFirstVersion(server: TestServer): Promise<void> {
  const author = await server.as('author');
  await author.post('/api/studio/products').send({ from: 'template', template: 'flash-loan', id: 'flash-copy', name }).expect(201);
  const review = await author.post('/api/studio/products/flash-copy/submit').send({}).expect(201);
  expect(review.body.impact.suite).toMatchObject({ cases: samples.length, passed: samples.length, failed: 0 });
  expect(review.body.impact.simulationSkipped).toBe('no-published-version');
  await (await server.as('approver')).post(`/api/studio/reviews/${review.body.id}/approve`).send({}).expect(200);
}

export async function upload(server: TestServer, lines: string[], username = 'author') {
  return (await server.as(username))
    .post('/api/studio/products/flash-copy/portfolios?name=samples')
    .set('Content-Type', 'application/x-ndjson')
    .send(`${lines.join('\n')}\n`);
}

/** Raises the minimum age from 22 to 30 in the draft. */
export async function raiseMinimumAge(server: TestServer): Promise<void> {
  const author = await server.as('author');
  const current = (await server.store.getProduct('flash-copy'))!;
  const document = structuredClone(current.document);
  (document.blocks.find((block) => block.type === 'age-gate')!.config as { minAge: number }).minAge = 30;
  await author.put('/api/studio/products/flash-copy/draft').set('If-Match', `"${current.revision}"`).send({ document }).expect(200);
}

/** The applicants of the samples whom the minimum age of 30 moves: under 30 and not declined before (read from the sample files, not from the simulation). */
export const movedByMinimumAge = () => samples.filter((sample) => (sample.application.applicant.age as number) < 30 && sample.expected.outcome !== 'decline');

/** Polls the review until its simulation is no longer running (at most ~60 s). */
export async function settledReview(agent: Agent, reviewId: string) {
  for (let i = 0; i < 1200; i++) {
    const review = (await agent.get(`/api/studio/reviews/${reviewId}`)).body;
    if (review.impact?.simulation?.status !== 'running') return review;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`review ${reviewId}: the simulation still runs`);
}
