import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { representativeApr, productRepresentativeExample } from '../../server/channel/product-views.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowBlock, FlowDocument } from '../../server/engine/flow-document.ts';
import { smallConsumerFlow } from '../fixtures/small-flow.ts';

/* Issue 12, finding 6 and issue 14, item 7: disclosure with fees, and a product that contradicts itself. */

const catalog = defaultCatalog();
const compiled = (doc: FlowDocument) => {
  const result = compile(doc, { catalog });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
};
const block = (doc: FlowDocument, id: string): FlowBlock => doc.blocks.find((candidate) => candidate.id === id)!;

/** The small consumer flow with a 1 % service fee taken at disbursement, between the rate bounds and the repayment block. */
function withUpfrontFee(doc = smallConsumerFlow()): FlowDocument {
  doc.blocks.push({
    id: 'fee',
    type: 'fee',
    typeVersion: 1,
    label: '服务费 1%',
    position: { x: 1300, y: 0 },
    config: { fees: [{ code: 'SERVICE_FEE', label: { 'zh-CN': '服务费', en: 'Service fee' }, timing: 'upfront', basis: 'percent-of-principal', value: '1', deducted: true }] },
  });
  doc.links = doc.links.filter((link) => link.id !== 'bounds-out-repay');
  doc.links.push(
    { id: 'bounds-fee', from: { block: 'bounds', port: 'out' }, to: { block: 'fee', port: 'in' } },
    { id: 'fee-repay', from: { block: 'fee', port: 'out' }, to: { block: 'repay', port: 'in' } },
  );
  return doc;
}

describe('the representative example (以借款 10 万元、期限 12 个月、等额本息为例)', () => {
  it('includes the product’s own fees: 100,000 at 4.50 % over 12 months with 1,000 deducted is 6.38 %, not 4.50 %', () => {
    const doc = withUpfrontFee();
    block(doc, 'cap').config = { min: '5000', max: '200000', step: '1000' };
    const { product } = compiled(doc);
    // Independent (Python decimal): PMT(100,000; 0.375 %; 12) = 8,537.85, last 8,537.89; the IRR of
    // 99,000 against those payments is 0.531625…% a month: 6.3795 % simple, 6.5693 % compound.
    expect(product!.display.representativeExample).toEqual({
      amount: '100000.00',
      termMonths: 12,
      method: 'equal-installment',
      annualRate: '4.5000',
      apr: { simple: '6.3795', compound: '6.5693' },
      fees: '1000.00',
      text: { 'zh-CN': '以借款 10 万元、期限 12 个月、等额本息为例，年化利率（单利）6.38%', en: 'Example: borrowing CNY 100,000 over 12 months, equal installments: annualised rate (simple) 6.38 %' },
    });
    // the listing and the product card read the same example
    expect(productRepresentativeExample(product!)).toBe(product!.display.representativeExample);
    expect(representativeApr(product!.display)).toMatchObject({ simple: '6.3795', example: { amount: '100000.00', termMonths: 12 } });
  });

  it('uses an amount the product approves: 100,000 clamped under an 80,000 cap is 80,000', () => {
    const doc = withUpfrontFee();
    block(doc, 'cap').config = { min: '5000', max: '80000', step: '1000' };
    const { product } = compiled(doc);
    expect(product!.display.representativeExample).toMatchObject({ amount: '80000.00', termMonths: 12 });
    expect(product!.display.representativeExample!.text['zh-CN']).toMatch(/^以借款 8 万元、期限 12 个月、等额本息为例，年化利率（单利）6\.38%$/); // a percent fee weighs the same on any amount
  });

  it('without fees the example is the lowest contract rate', () => {
    const { product } = compiled(smallConsumerFlow());
    expect(product!.display.representativeExample).toMatchObject({ amount: '100000.00', apr: { simple: '4.5000' }, fees: '0.00' });
  });
});

describe('compile warnings where the product contradicts itself (named by block title)', () => {
  it('ADVERTISED_APR_UNREACHABLE: the fee puts every APR above the advertised 4.50 %', () => {
    const { diagnostics, product } = compiled(withUpfrontFee());
    expect(product!.display.aprLabel['zh-CN']).toBe('年化利率（单利）4.50%');
    const warning = diagnostics.find((d) => d.code === 'ADVERTISED_APR_UNREACHABLE');
    expect(warning).toMatchObject({ severity: 'warning', blockId: 'fee' });
    expect(warning!.message['zh-CN']).toContain('“服务费 1%”');
    expect(warning!.message.en).toMatch(/advertised annualised rate \(simple\) 4\.50 %.*lowest APR is \d+\.\d\d %/);
    expect(diagnostics.some((d) => d.code === 'ADVERTISED_APR_UNREACHABLE' && d.severity === 'warning')).toBe(true);
    expect(compiled(smallConsumerFlow()).diagnostics.some((d) => d.code === 'ADVERTISED_APR_UNREACHABLE')).toBe(false);
  });

  it('names a block by its name in the message language when the name is stored per language', () => {
    const doc = withUpfrontFee();
    doc.blocks.find((block) => block.id === 'fee')!.label = { 'zh-CN': '服务费 1%', en: 'Service fee 1 %' };
    const warning = compiled(doc).diagnostics.find((d) => d.code === 'ADVERTISED_APR_UNREACHABLE')!;
    expect(warning.message['zh-CN']).toContain('“服务费 1%”');
    expect(warning.message.en).toContain('“Service fee 1 %”');
    expect(JSON.stringify(warning.message)).not.toContain('[object Object]');
  });

  it('AMOUNT_RANGE_UNREACHABLE: the start block advertises from 1,000 while the limit block’s minimum is 20,000, and up to 200,000 over a 100,000 cap', () => {
    const doc = smallConsumerFlow();
    block(doc, 'cap').config = { min: '20000', max: '100000', step: '1000' };
    const found = compiled(doc).diagnostics.filter((d) => d.code === 'AMOUNT_RANGE_UNREACHABLE');
    expect(found.map((d) => d.blockId)).toEqual(['start', 'start']);
    expect(found[0].message['zh-CN']).toBe('“申请入口”的最低借款金额 1000.00 元无法获批：额度积木（“额度区间”）最低只批 20000.00 元');
    expect(found[1].message.en).toBe('“Application” advertises loans up to 200000.00, but the limit blocks (“Limit range”) approve at most 100000.00');
    for (const d of found) expect(`${d.message['zh-CN']} ${d.message.en}`).not.toMatch(/\bcap\b|\bstart\b/); // titles, not ids
  });

  it('TERM_RANGE_MISMATCH: the start block advertises 3–48 months, the repayment block offers 6–36', () => {
    const doc = smallConsumerFlow();
    (block(doc, 'start').config as { termMonths: unknown }).termMonths = { min: 3, max: 48 };
    const found = compiled(doc).diagnostics.filter((d) => d.code === 'TERM_RANGE_MISMATCH');
    expect(found.map((d) => [d.blockId, d.severity])).toEqual([['start', 'warning']]);
    expect(found[0].message['zh-CN']).toBe('“申请入口”的期限范围 3–48 个月无法兑现：还款方式积木只提供 6–36 个月');
    expect(found[0].message.en).toBe('“Application” advertises terms of 3–48 months, but the repayment blocks offer only 6–36 months');
    expect(compiled(smallConsumerFlow()).diagnostics.some((d) => d.code === 'TERM_RANGE_MISMATCH')).toBe(false);
  });
});
