import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { MASK, maskPersonalData, maskText } from '../../server/channel/personal-data.ts';
import { applicationSchema, captureLogger, channelTestApp, definitionFixture, fakeBuildEvaluator, KEYS, publishedVersion, storeWithKeys } from './fixtures.ts';

const catalog = defaultCatalog();
const NAME = '王小明';
const ID_NUMBER = '53032419850612341X';
const PHONE = '13912345678';

async function appWithLogs(level: 'info' | 'debug') {
  const store = await storeWithKeys();
  await store.publish(publishedVersion(definitionFixture({ productId: 'salary-loan', annualRate: '4.5', channels: ['app'] }), 1), 'system');
  const runtime = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
  await runtime.load(store);
  const captured = captureLogger(level);
  return { app: channelTestApp({ store, catalog, runtime, logger: captured.logger }), ...captured };
}

describe('decision log', () => {
  for (const level of ['info', 'debug'] as const) {
    it(`writes one line per decision with product, version, outcome and latency, and no personal data (${level})`, async () => {
      const { app, lines, records } = await appWithLogs(level);
      const applicant = { name: NAME, idNumber: ID_NUMBER, phone: PHONE };
      const send = (body: object) => request(app).post('/api/v1/products/salary-loan/decisions').set('X-API-Key', KEYS.app).set('X-Request-Id', 'req-1').send(body);
      expect((await send({ application: { applicant: { ...applicant, age: 30 } } })).status).toBe(200);
      expect((await send({ application: { applicant: { ...applicant, age: 16 } } })).status).toBe(200);
      // a rejected request echoing personal data in the wrong places is logged too, masked
      expect((await send({ application: { applicant: { ...applicant, age: 'thirty' } }, requestedAmount: `${PHONE} ${ID_NUMBER}` })).status).toBe(422);

      const decisions = records().filter((r) => r.event === 'decision');
      expect(decisions).toHaveLength(3);
      expect(decisions.map((r) => r.outcome)).toEqual(['approve', 'decline', 'invalid']);
      for (const record of decisions) {
        expect(record).toMatchObject({ product: 'salary-loan', version: 1, channel: 'app', requestId: 'req-1' });
        expect(record.hash).toMatch(/^sha256:/);
        expect(typeof record.latencyMs).toBe('number');
      }
      expect(decisions[1].reasons).toEqual(['AGE_BELOW_MINIMUM']);
      const all = lines.join('\n');
      for (const secret of [NAME, ID_NUMBER, PHONE]) expect(all).not.toContain(secret);
      if (level === 'debug') expect(decisions[0].application).toEqual({ applicant: { name: MASK, idNumber: MASK, phone: MASK, age: 30 } });
    });
  }

  it('masks x-personal fields, drops fields the schema does not describe, and masks ID or mobile numbers in free text', () => {
    // issue 11, finding 10: an undescribed field (here a bank card number) is no longer logged in clear
    const masked = maskPersonalData({ applicant: { name: NAME, age: 40, note: 'anything' }, accountNo: '6222021234567890123' }, [applicationSchema]);
    expect(masked).toEqual({ applicant: { name: MASK, age: 40, '*': 1 }, '*': 1 });
    expect(maskPersonalData({ note: `call ${PHONE} or id ${ID_NUMBER.toLowerCase()}` })).toEqual({ note: `call ${MASK} or id ${MASK}` });
    expect(maskText('order 123456789012 stays')).toBe('order 123456789012 stays');
  });
});
