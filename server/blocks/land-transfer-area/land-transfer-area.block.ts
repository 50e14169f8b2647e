import { defineBlockType, type FieldRead } from '../../engine/block-type.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { fixedCap, fixedCapStaticFacts, withFixedCap } from '../shared/fixed-cap.ts';
import { landTransferCap, type LandTransferAreaPrepared } from './land-transfer-area.evaluate.ts';
import type { LandTransferAreaConfig } from '../config-types.generated.ts';

/**
 * 土地流转面积额度 / Land-transfer area quota: the area comes from the county's land records (确权承包地
 * and 土地流转合同 from the rural property exchange), not from what the farmer declares.
 */
export const landTransferAreaBlock = defineBlockType<LandTransferAreaConfig, LandTransferAreaPrepared>({
  type: 'land-transfer-area',
  version: 1,
  title: text('土地流转面积额度', 'Land-transfer area quota'),
  description: text(
    '额度不超过县域数据确认的经营面积 × 每亩额度：确权承包地（可选）加上在有效期内、已备案的土地流转合同面积；可要求流转期覆盖贷款期限。',
    'Caps the limit at the land the county records confirm × a quota per mu: contracted land (optional) plus the registered land-transfer contracts in force; a contract can be required to outlast the loan.',
  ),
  category: 'limit',
  icon: '🗺️',
  keywords: ['土地流转', '流转合同', '承包地', '确权', '县域', '亩', 'land transfer', 'lease', 'county', 'farm', 'mu'],
  defaults: { perMu: '2000', includeContracted: true, requireRegistered: true, coverLoanTerm: true },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const reads: FieldRead[] = [{ path: 'farm.countyRecords.landTransfers', required: true }];
    if (config.includeContracted) reads.push({ path: 'farm.countyRecords.contractedAreaMu', required: true });
    const cap = fixedCap(config.cap);
    const prepared = { perMu: new Decimal(config.perMu), includeContracted: config.includeContracted, requireRegistered: config.requireRegistered, coverLoanTerm: config.coverLoanTerm, cap };
    return { prepared, diagnostics: [], reads, facts: fixedCapStaticFacts(cap) };
  },
  evaluate(prepared, input) {
    const termMonths = input.request.termMonths ?? input.product.termMonths.max;
    const { cap, facts } = landTransferCap(prepared, input.application, input.request.asOf, termMonths);
    return { kind: 'contribute', contribution: { limitCaps: withFixedCap([cap], prepared.cap) }, facts };
  },
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    const source = config.includeContracted ? (zh ? '承包地 + 流转合同' : 'contracted + transferred land') : zh ? '流转合同' : 'transferred land';
    return zh ? `${source} × ${moneyString(config.perMu)} 元/亩` : `${source} × CNY ${moneyString(config.perMu)}/mu`;
  },
});
