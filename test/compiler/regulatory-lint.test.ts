import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import { smallConsumerFlow } from '../fixtures/small-flow.ts';

const catalog = defaultCatalog();
const config = (doc: FlowDocument, id: string) => doc.blocks.find((b) => b.id === id)!.config;
const lint = (change: (doc: FlowDocument) => void) => {
  const doc = smallConsumerFlow();
  change(doc);
  return compile(doc, { catalog }).diagnostics;
};
const insertFee = (doc: FlowDocument, fees: unknown[]) => {
  doc.blocks.push({ id: 'fees', type: 'fee', typeVersion: 1, config: { fees }, position: { x: 0, y: 0 } });
  doc.links = doc.links.filter((l) => l.id !== 'bounds-out-repay');
  doc.links.push({ id: 'f1', from: { block: 'bounds', port: 'out' }, to: { block: 'fees', port: 'in' } }, { id: 'f2', from: { block: 'fees', port: 'out' }, to: { block: 'repay', port: 'in' } });
};

describe('regulatory lint (shared/domain/regulation.md)', () => {
  it('is an error when the annualised rate with fees exceeds 24 %', () => {
    // 20 % upfront fee on a 6-month loan: the borrower nets 80 % and repays 100 % + interest in half a year.
    const found = lint((doc) =>
      insertFee(doc, [{ code: 'SERVICE_FEE', label: { 'zh-CN': '服务费', en: 'Service fee' }, timing: 'upfront', basis: 'percent-of-principal', value: '20', deducted: true }]),
    );
    expect(found).toContainEqual(expect.objectContaining({ code: 'APR_ABOVE_24', severity: 'error', blockId: 'price' }));
  });

  it('warns above 4 × LPR but below 24 %', () => {
    const found = lint((doc) => {
      Object.assign(config(doc, 'price'), { fixedRate: '13.00' });
      Object.assign(config(doc, 'bounds'), { ceiling: '15.00' });
    });
    expect(found).toContainEqual(expect.objectContaining({ code: 'APR_ABOVE_4X_LPR', severity: 'warning' }));
    expect(found.map((d) => d.code)).not.toContain('APR_ABOVE_24');
  });

  it('warns when a consumer rate can fall below 3 %', () => {
    const found = lint((doc) => {
      Object.assign(config(doc, 'price'), { fixedRate: '2.80' });
      Object.assign(config(doc, 'bounds'), { floor: '2.50' });
    });
    expect(found).toContainEqual(expect.objectContaining({ code: 'CONSUMER_RATE_BELOW_FLOOR', severity: 'warning' }));
  });

  it('does not warn about the floor when the rate floor keeps the rate at 3 %', () => {
    const found = lint((doc) => {
      Object.assign(config(doc, 'price'), { fixedRate: '2.80' });
    });
    expect(found.map((d) => d.code)).not.toContain('CONSUMER_RATE_BELOW_FLOOR');
  });

  it('caps internet consumer credit at 20万 (30万 under the temporary relief)', () => {
    const online = (max: string) =>
      lint((doc) => {
        Object.assign(config(doc, 'start'), { channels: ['app'], amount: { min: '1000', max, step: '1000' } });
        Object.assign(config(doc, 'cap'), { max });
      });
    expect(online('250000')).toContainEqual(expect.objectContaining({ code: 'ONLINE_CONSUMER_AMOUNT_CAP', severity: 'warning' }));
    expect(online('500000')).toContainEqual(expect.objectContaining({ code: 'ONLINE_CONSUMER_AMOUNT_CAP', severity: 'error' }));
    expect(online('200000').map((d) => d.code)).not.toContain('ONLINE_CONSUMER_AMOUNT_CAP');
  });

  it('accepts a higher branch limit when a channel cap holds online applications to 20万', () => {
    const withChannelCap = (appCap: string) =>
      lint((doc) => {
        Object.assign(config(doc, 'start'), { channels: ['app', 'branch'], amount: { min: '1000', max: '500000', step: '1000' } });
        Object.assign(config(doc, 'cap'), { max: '500000' });
        doc.blocks.push({
          id: 'by-channel',
          type: 'channel-cap',
          typeVersion: 1,
          config: {
            caps: [
              { channels: ['app'], max: appCap },
              { channels: ['branch'], max: '500000' },
            ],
            otherChannels: 'lowest-cap',
          },
          position: { x: 0, y: 0 },
        });
        doc.links = doc.links.filter((l) => l.id !== 'cap-out-price');
        doc.links.push(
          { id: 'c1', from: { block: 'cap', port: 'out' }, to: { block: 'by-channel', port: 'in' } },
          { id: 'c2', from: { block: 'by-channel', port: 'out' }, to: { block: 'price', port: 'in' } },
        );
      });
    expect(withChannelCap('200000').map((d) => d.code)).not.toContain('ONLINE_CONSUMER_AMOUNT_CAP');
    expect(withChannelCap('400000')).toContainEqual(expect.objectContaining({ code: 'ONLINE_CONSUMER_AMOUNT_CAP', severity: 'error', blockId: 'by-channel' }));
  });

  it('refuses bullet repayment over one year on an online consumer product', () => {
    const found = lint((doc) => {
      Object.assign(config(doc, 'start'), { channels: ['mini-program'] });
      Object.assign(config(doc, 'repay'), { methods: ['equal-installment', 'bullet'], methodMaxTermMonths: { bullet: 24 } });
    });
    expect(found).toContainEqual(expect.objectContaining({ code: 'ONLINE_BULLET_OVER_ONE_YEAR', severity: 'error', blockId: 'repay' }));
  });

  it('warns about a cap on age at maturity above 70', () => {
    const found = lint((doc) => Object.assign(config(doc, 'age'), { maxAgeAtMaturity: 75, maxAge: 65 }));
    expect(found).toContainEqual(expect.objectContaining({ code: 'AGE_PLUS_TERM', severity: 'warning' }));
  });
});
