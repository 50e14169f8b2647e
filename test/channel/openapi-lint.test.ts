import { createConfig, lintFromString } from '@redocly/openapi-core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import express from 'express';
import { openApiRouter } from '../../server/openapi.ts';

/**
 * The served OpenAPI document as a channel developer's tools read it, offline: Redocly's linter
 * (the engine of `redocly lint`) with its recommended rules finds no error — in particular no
 * `no-unresolved-refs`, which the earlier document with `$id`-based references had 82 of.
 */
describe('GET /api/openapi.json for the usual tools', () => {
  it("lints clean with Redocly's recommended rules, with no network", async () => {
    const app = express().use(openApiRouter());
    const served = await request(app).get('/api/openapi.json');
    expect(served.status).toBe(200);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: served.text, absoluteRef: '/tmp/loan-blocks-openapi.json', config });
    const errors = problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    expect(problems.filter((problem) => problem.ruleId === 'no-unresolved-refs')).toEqual([]);
  }, 30_000);
});
