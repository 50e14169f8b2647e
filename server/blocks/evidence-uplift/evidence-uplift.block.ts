import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import { EVIDENCE_KIND_LABELS, evidenceUplift, type EvidenceKind, type EvidenceUpliftPrepared } from './evidence-uplift.evaluate.ts';
import type { EvidenceUpliftConfig } from '../config-types.generated.ts';

/**
 * 材料增信提额 / Evidence uplift: verified contracts, invoices, shop photos, vehicles or property
 * raise the limit on top of the binding cap. It adds no cap, so it must sit after the blocks that
 * set the caps (it reads them to bound itself). Its provision, limit-uplift, does not count as a limit.
 */
export const evidenceUpliftBlock = defineBlockType<EvidenceUpliftConfig, EvidenceUpliftPrepared>({
  type: 'evidence-uplift',
  version: 1,
  title: text('材料增信提额', 'Evidence uplift'),
  description: text(
    '申请人自主提交并已核验的材料（合同、发票、门店照片、车辆、房产）在已算出的额度之上提额：按材料金额的比例或每份固定金额，合计不超过上限。放在额度上限积木之后。',
    'Verified self-submitted evidence (contracts, invoices, shop photos, vehicles, property) raises the limit above the binding cap: a percent of the amount or a flat amount per item, within a maximum. Place it after the cap blocks.',
  ),
  category: 'limit',
  icon: '📎',
  keywords: ['提额', '增信', '材料', '合同', '发票', 'uplift', 'evidence', 'documents', 'increase'],
  defaults: {
    shares: [
      { kind: 'contract', mode: 'percent-of-amount', value: '10' },
      { kind: 'invoice', mode: 'percent-of-amount', value: '5' },
      { kind: 'shop-photo', mode: 'flat', value: '5000' },
    ],
    maxUpliftAmount: '50000',
    maxUpliftPercent: 20,
  },
  role: 'contributor',
  provides: ['limit-uplift'], // not a limit: the compiler still wants a cap block on the path
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    const byKind: EvidenceUpliftPrepared['byKind'] = new Map();
    const duplicate = duplicateCheck((kind: EvidenceKind) =>
      text(`材料类型「${EVIDENCE_KIND_LABELS[kind]['zh-CN']}」重复设置`, `The evidence kind "${EVIDENCE_KIND_LABELS[kind].en}" has more than one row`),
    );
    config.shares.forEach((row, index) => {
      diagnostics.push(...duplicate(row.kind, `/shares/${index}/kind`));
      const value = new Decimal(row.value);
      if (row.mode === 'percent-of-amount' && value.gt(100)) {
        diagnostics.push({
          code: 'CONFIG_INVALID',
          severity: 'error',
          pointer: `/shares/${index}/value`,
          message: text(`提额比例 ${row.value}% 超过 100%`, `Uplift percent ${row.value}% is above 100%`),
        });
      }
      byKind.set(row.kind, { mode: row.mode, value: row.mode === 'percent-of-amount' ? value.div(100) : value });
    });
    const maxPercent = config.maxUpliftPercent === undefined ? undefined : { percent: config.maxUpliftPercent, share: new Decimal(String(config.maxUpliftPercent)).div(100) };
    return { prepared: { byKind, maxAmount: new Decimal(config.maxUpliftAmount), maxPercent }, diagnostics, reads: [{ path: 'evidence', required: false }] };
  },
  evaluate(prepared, input) {
    const { uplift, facts } = evidenceUplift(prepared, input.application, input.offer.limitCaps ?? []);
    return { kind: 'contribute', contribution: { limitUplifts: [uplift] }, facts };
  },
  summarize(config, locale) {
    const percent = config.maxUpliftPercent === undefined ? '' : locale === 'zh-CN' ? `，≤ 额度 ${config.maxUpliftPercent}%` : `, ≤ ${config.maxUpliftPercent}% of the cap`;
    return locale === 'zh-CN' ? `提额 ≤ ${moneyString(config.maxUpliftAmount)} 元${percent}` : `uplift ≤ CNY ${moneyString(config.maxUpliftAmount)}${percent}`;
  },
});
