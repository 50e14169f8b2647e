import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { MASK, isSafeRequestId, maskPersonalData, safePointer } from '../../server/channel/personal-data.ts';
import { RuntimeRegistry } from '../../server/channel/runtime-registry.ts';
import { APPLICATION_SCHEMA_ID } from '../../server/engine/catalog.ts';
import { captureLogger, channelTestApp, definitionFixture, fakeBuildEvaluator, KEYS, publishedVersion, storeWithKeys } from './fixtures.ts';

const catalog = defaultCatalog();
const PHONE = '13912345678';

async function appWithLogs(level: 'info' | 'debug') {
  const store = await storeWithKeys();
  await store.publish(publishedVersion(definitionFixture({ productId: 'salary-loan', annualRate: '4.5', channels: ['app'] }), 1), 'system');
  const runtime = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
  await runtime.load(store);
  const captured = captureLogger(level);
  const app = channelTestApp({ store, catalog, runtime, logger: captured.logger });
  const decide = (body: object, requestId?: string) => {
    const call = request(app).post('/api/v1/products/salary-loan/decisions').set('X-API-Key', KEYS.app);
    return (requestId === undefined ? call : call.set('X-Request-Id', requestId)).send(body);
  };
  return { decide, ...captured };
}

describe('request ids in logs', () => {
  it('replaces a request id that could carry a phone number with a generated one, and keeps safe ones', async () => {
    const { decide, records, lines } = await appWithLogs('info');
    const body = { application: { applicant: { age: 30 } } };
    const phone = await decide(body, PHONE);
    expect(phone.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect((await decide(body, `order-${PHONE}`)).headers['x-request-id']).not.toContain(PHONE);
    expect((await decide(body, 'req-1')).headers['x-request-id']).toBe('req-1');
    const uuid = '9b2f4c1e-0a6d-4f7b-9c3e-2d1f0e8a7b6c';
    expect((await decide(body, uuid)).headers['x-request-id']).toBe(uuid);
    expect(lines.join('\n')).not.toContain(PHONE.slice(3));
    expect(records().map((record) => record.requestId)).toContain('req-1');
    expect(isSafeRequestId('张三-1')).toBe(false);
    expect(isSafeRequestId('6222021234567890123')).toBe(false);
  });
});

describe('error pointers in logs', () => {
  it('never echo a property name the caller invented', async () => {
    const { decide, records, lines } = await appWithLogs('info');
    const response = await decide({ application: { applicant: { age: 30, [PHONE]: 1, wangxiaoming: 'spouse' } } });
    expect(response.status).toBe(422);
    const logged = records().find((record) => record.event === 'decision')!;
    expect(logged.errors).not.toEqual([]);
    for (const error of logged.errors as { pointer: string }[]) expect(error.pointer).toMatch(/^\/application\/applicant(\/\*)?$/);
    expect(lines.join('\n')).not.toMatch(/wangxiaoming|139123/);
  });

  it('keeps the pointer of a known field and cuts at the first unknown or personal segment', () => {
    const schemas = [catalog.schemas.schema(APPLICATION_SCHEMA_ID) as object];
    expect(safePointer('/application/applicant/age', schemas)).toBe('/application/applicant/age');
    expect(safePointer('/application/farm/crops/2/declaredAreaMu', schemas)).toBe('/application/farm/crops/2/declaredAreaMu');
    expect(safePointer(`/application/applicant/${PHONE}/x`, schemas)).toBe('/application/applicant/*');
    expect(safePointer('/application/custom/spouseName', schemas)).toBe('/application/custom/*');
    expect(safePointer('/requestedAmount', schemas)).toBe('/requestedAmount');
    expect(safePointer('/wangxiaoming', schemas)).toBe('/*');
  });
});

describe('the application at debug level', () => {
  it('masks every field the dictionary marks personal — birth date, region, employer, income, debts, credit record, custom fields — and drops unknown ones', async () => {
    const { decide, records, lines } = await appWithLogs('debug');
    const application = {
      applicant: {
        age: 41, birthDate: '1985-06-12', region: '罗平县', monthlyIncome: 23456, monthlyDebtPayments: 3210, depositAum: 876543,
        employer: { name: '云南某某科技有限公司', category: 'private', tenureMonths: 40 },
        bureau: { currentOverdue: false, inquiries3m: 2 }, score: 712, address: '昆明市盘龙区北京路 88 号',
      },
      custom: { spouseName: '李娜', email: 'li.na@example.com', bankCard: '6222021234567890123' },
    };
    await decide({ application });
    const logged = records().find((record) => record.event === 'decision')!;
    expect(logged.application).toEqual({
      applicant: {
        age: 41, birthDate: MASK, region: MASK, monthlyIncome: MASK, monthlyDebtPayments: MASK, depositAum: MASK,
        employer: { name: MASK, category: 'private', tenureMonths: 40 }, bureau: MASK, score: MASK, '*': 1,
      },
      custom: MASK,
    });
    const all = lines.join('\n');
    for (const secret of ['1985-06-12', '罗平县', '23456', '云南某某', '昆明市', '李娜', 'li.na@', '6222021234567890123', 'address']) expect(all).not.toContain(secret);
  });

  it('drops fields no schema describes instead of logging them', () => {
    const schemas = [catalog.schemas.schema(APPLICATION_SCHEMA_ID) as object];
    expect(maskPersonalData({ applicant: { age: 30 }, accountNo: '6222021234567890123' }, schemas)).toEqual({ applicant: { age: 30 }, '*': 1 });
  });
});
