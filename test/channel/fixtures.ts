import { createHash } from 'node:crypto';
import express from 'express';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { Catalog } from '../../server/engine/catalog.ts';
import type { Decision } from '../../server/engine/decision.ts';
import { computeSchedule, parseScheduleRequest } from '../../server/engine/loan-math/index.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import type { Evaluator } from '../../server/engine/runtime/evaluator.ts';
import { toProblems } from '../../server/engine/schema-registry.ts';
import type { PublishedVersion } from '../../server/store/store.ts';
import type { DecisionPool } from '../../server/channel/decision-pool.ts';
import { hashApiKey } from '../../server/channel/api-keys.ts';
import type { EvaluatorBuilder, RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { createChannelRouter } from '../../server/routes/channel.ts';
import { openApiRouter } from '../../server/openapi.ts';
import { MemoryStore } from '../server/fakes/memory-store.ts';

/** A small application schema with the three personal fields channels send. */
export const applicationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['applicant'],
  properties: {
    applicant: {
      type: 'object',
      additionalProperties: false,
      required: ['age'],
      properties: {
        name: { type: 'string', 'x-personal': true },
        idNumber: { type: 'string', pattern: '^[0-9]{17}[0-9Xx]$', 'x-personal': true },
        phone: { type: 'string', pattern: '^1[0-9]{10}$', 'x-personal': true },
        age: { type: 'integer', minimum: 0, maximum: 120 },
        monthlyIncome: { type: 'number', minimum: 0 },
      },
    },
  },
};

/** A compiled-looking product definition (valid against product.schema.json) with one fixed rate. */
export function definitionFixture(options: { productId: string; annualRate: string; channels: string[]; version?: number }): ProductDefinition {
  const name = { 'zh-CN': `测试产品 ${options.productId}`, en: `Test product ${options.productId}` };
  const withoutHash = {
    format: 'loan-product-definition/1' as const,
    product: { productId: options.productId, name, kind: 'consumption' as const, currency: 'CNY' as const, channels: options.channels, amount: { min: '1000', max: '200000', step: '1000' }, termMonths: { min: 6, max: 36 } },
    version: options.version ?? null,
    start: 'start',
    blocks: [{ id: 'start', type: 'application', typeVersion: 1, config: { rate: options.annualRate } }],
    links: [],
    applicationSchema,
    display: {
      name, currency: 'CNY' as const, amount: { min: '1000.00', max: '200000.00', step: '1000.00' }, termsMonths: [6, 12, 24, 36],
      repaymentMethods: ['equal-installment', 'equal-principal'], rateRange: { min: options.annualRate, max: options.annualRate },
      aprLabel: { 'zh-CN': `年化利率（单利）${options.annualRate}%`, en: `APR (simple) ${options.annualRate}%` }, fees: [],
    },
    warnings: [],
  };
  const hash = `sha256:${createHash('sha256').update(JSON.stringify({ ...withoutHash, version: null })).digest('hex')}`;
  return { ...withoutHash, hash };
}

/** A published version record around a definition. */
export function publishedVersion(definition: ProductDefinition, version: number, channels = definition.product.channels): PublishedVersion {
  return {
    productId: definition.product.productId, version, hash: definition.hash, definition: { ...definition, version }, document: { schemaVersion: 1, blocks: [], links: [] },
    channels, submittedBy: 'system', approvedBy: 'system', reviewId: `review-${version}`, publishedAt: '2025-01-01T00:00:00.000Z',
  };
}

/**
 * A stand-in for the runtime's buildEvaluator while it is being written: validates the application
 * with the product's schema (compiled once, here) and approves adults at the product's one rate.
 */
export const fakeBuildEvaluator: EvaluatorBuilder = (definition: ProductDefinition, catalog: Catalog): Evaluator => {
  const validate = catalog.schemas.compile(definition.applicationSchema);
  const rate = definition.display.rateRange.min;
  const product = { id: definition.product.productId, version: definition.version, hash: definition.hash };
  return {
    definition,
    decide(input) {
      if (!validate(input.application)) return { errors: toProblems(validate.errors).map((p) => ({ pointer: `/application${p.pointer}`, message: p.message })) };
      const age = (input.application as { applicant: { age: number } }).applicant.age;
      const base = { trace: [{ blockId: 'start', type: 'application', result: 'start' as const }], product, asOf: input.asOf };
      if (age < 18) {
        return { decision: { ...base, outcome: 'decline', reasons: [{ code: 'AGE_BELOW_MINIMUM', message: { 'zh-CN': '年龄不足', en: 'Too young' }, blockId: 'start', action: 'decline' }] } };
      }
      const amount = typeof input.requestedAmount === 'string' ? input.requestedAmount : '10000.00';
      const termMonths = typeof input.termMonths === 'number' ? input.termMonths : 12;
      const { request } = parseScheduleRequest({ principal: amount, annualRate: rate, termMonths, method: 'equal-installment' });
      const schedule = computeSchedule(request!);
      const decision: Decision = {
        ...base, outcome: 'approve', reasons: [],
        offer: {
          currency: 'CNY', creditLine: amount, limit: amount, caps: [], amount, termMonths, repaymentMethod: 'equal-installment',
          rate: { annual: rate, base: { annualRate: rate, source: 'fixed' }, adjustments: [] }, fees: [], apr: schedule.apr, schedule,
        },
      };
      return { decision };
    },
  };
};

/** Captures pino's JSON lines. */
export function captureLogger(level: pino.Level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  const logger = pino({ level }, stream);
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export const KEYS = { app: 'test-app-key', branch: 'test-branch-key' };
/** An app-channel key granted `definition:read`: it also gets the full compiled definition. */
export const DEFINITION_KEY = 'test-app-definition-key';

/** A store with one key for the app channel, one for the branch channel, and an app key with scope definition:read. */
export async function storeWithKeys(): Promise<MemoryStore> {
  const store = new MemoryStore(() => new Date('2025-03-01T00:00:00Z'));
  for (const [channel, key] of Object.entries(KEYS)) {
    await store.putApiKey({ id: `key-${channel}`, channel, keyHash: hashApiKey(key), createdAt: '2025-01-01T00:00:00Z', createdBy: 'admin' });
  }
  await store.putApiKey({ id: 'key-app-definition', channel: 'app', keyHash: hashApiKey(DEFINITION_KEY), createdAt: '2025-01-01T00:00:00Z', createdBy: 'admin', scopes: ['definition:read'] });
  return store;
}

/** The smallest app around the channel router (the real app is tested through createApp). */
export function channelTestApp(deps: { store: MemoryStore; catalog: Catalog; runtime: RuntimeRegistry; logger: pino.Logger; clock?: () => Date; pool?: DecisionPool }) {
  const app = express();
  app.use('/api/v1', createChannelRouter(deps));
  app.use(openApiRouter());
  return app;
}
