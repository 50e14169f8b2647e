import { defineBlockType } from '../../engine/block-type.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import { INSURANCE_KIND_LABELS, type InsuranceKind, insuranceUplift, type InsuranceUpliftPrepared } from './insurance-uplift.evaluate.ts';
import type { InsuranceUpliftConfig } from '../config-types.generated.ts';

/**
 * 保险增信 / Insurance uplift: holding agricultural insurance or a performance bond policy raises the
 * limit, or one cap (a per-mu quota), by a share. Like the evidence uplift it adds no cap, so it
 * sits after the cap blocks it reads; its provision, limit-uplift, does not count as a limit.
 */
export const insuranceUpliftBlock = defineBlockType<InsuranceUpliftConfig, InsuranceUpliftPrepared>({
  type: 'insurance-uplift',
  version: 1,
  title: text('保险增信', 'Insurance uplift'),
  description: text(
    '持有已核验且在保险期间内的农业保险或履约保证保险时，按险种比例提高额度，或只提高一项上限（如每亩额度提高 20%）。放在额度上限积木之后。',
    'A verified policy in force (agricultural insurance, performance bond insurance) raises the limit, or one cap such as the per-mu quota, by the share of its kind. Place it after the cap blocks.',
  ),
  category: 'limit',
  icon: '🛡️',
  keywords: ['保险', '农业保险', '履约保证保险', '增信', '提额', 'insurance', 'bond', 'uplift', 'agriculture'],
  defaults: { policies: [{ kind: 'agricultural', upliftPercent: 20 }], target: 'cap', capCode: 'CROP_AREA_QUOTA' },
  role: 'contributor',
  provides: ['limit-uplift'], // not a limit: the compiler still wants a cap block on the path
  compile(config) {
    const duplicate = duplicateCheck((kind: InsuranceKind) =>
      text(`险种「${INSURANCE_KIND_LABELS[kind]['zh-CN']}」重复设置`, `The policy kind "${INSURANCE_KIND_LABELS[kind].en}" has more than one row`),
    );
    const diagnostics = config.policies.flatMap((row, index) => duplicate(row.kind, `/policies/${index}/kind`));
    const byKind = new Map(config.policies.map((row) => [row.kind, { percent: row.upliftPercent, share: new Decimal(String(row.upliftPercent)).div(100) }]));
    const prepared: InsuranceUpliftPrepared = { byKind, target: config.target, capCode: config.target === 'cap' ? config.capCode : undefined };
    if (config.maxUpliftAmount !== undefined) prepared.maxAmount = new Decimal(config.maxUpliftAmount);
    return { prepared, diagnostics, reads: [{ path: 'insurance', required: false }] }; // no policy: no uplift
  },
  evaluate(prepared, input) {
    const { uplift, facts } = insuranceUplift(prepared, input.application, input.request.asOf, input.offer.limitCaps ?? []);
    return { kind: 'contribute', contribution: { limitUplifts: [uplift] }, facts };
  },
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    const rows = config.policies.map((row) => `${INSURANCE_KIND_LABELS[row.kind][locale]} +${row.upliftPercent}%`).join(zh ? '，' : ', ');
    const target = config.target === 'cap' ? ` (${config.capCode})` : '';
    const max = config.maxUpliftAmount === undefined ? '' : zh ? `，≤ ${moneyString(config.maxUpliftAmount)} 元` : `, ≤ CNY ${moneyString(config.maxUpliftAmount)}`;
    return `${rows}${target}${max}`;
  },
});
