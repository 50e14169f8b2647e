import { defineBlockType, type FieldRead } from '../../engine/block-type.ts';
import { Decimal } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import { evaluateBureau, prepareBureauChecks, type BureauGatePrepared } from './bureau-gate.evaluate.ts';
import type { BureauGateConfig } from '../config-types.generated.ts';

/**
 * 征信准入 / Credit bureau record — the PBOC report checks banks share (products.md B):
 * no current overdue, no 连三累六, few approval inquiries, no severe records, card utilisation.
 * All failing checks are reported, so a reviewer sees the whole picture at once.
 */
export const bureauGateBlock = defineBlockType<BureauGateConfig, BureauGatePrepared>({
  type: 'bureau-gate',
  version: 1,
  title: text('征信准入', 'Credit bureau record'),
  description: text(
    '人行征信检查：当前逾期、连三累六、查询次数、呆账/代偿/失信、信用卡使用率。',
    'PBOC credit report checks: current overdue, 3 consecutive / 6 cumulative overdue, inquiries, severe records, card utilisation.',
  ),
  category: 'eligibility',
  icon: '📄',
  keywords: ['bureau', 'credit report', 'overdue', 'inquiries', '征信', '逾期', '连三累六', '查询', '呆账', '失信'],
  defaults: {
    rejectCurrentOverdue: true,
    consecutiveOverdueLimit: 3,
    cumulativeOverdueLimit: 6,
    inquiryRules: [{ window: '2m', max: 3 }],
    rejectSevere: { badDebt: true, compensation: true, courtDefaulter: true },
    action: 'decline',
  },
  role: 'gate',
  compile(config) {
    const duplicate = duplicateCheck((window) => text(`查询窗口 ${window} 重复`, `The inquiry window ${window} appears twice`));
    const diagnostics = config.inquiryRules.flatMap((rule, index) => duplicate(rule.window, `/inquiryRules/${index}/window`));
    const checks = prepareBureauChecks(config);
    const reads: FieldRead[] = checks.map((check) => ({ path: `applicant.bureau.${check.field}`, required: true }));
    return { prepared: { action: config.action, checks }, diagnostics, reads };
  },
  evaluate: evaluateBureau,
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    const parts: string[] = [];
    if (config.rejectCurrentOverdue) parts.push(zh ? '无当前逾期' : 'no current overdue');
    if (config.consecutiveOverdueLimit !== undefined || config.cumulativeOverdueLimit !== undefined) {
      const limits = `${config.consecutiveOverdueLimit ?? '–'}/${config.cumulativeOverdueLimit ?? '–'}`;
      parts.push(zh ? `连续/累计逾期 ${limits}` : `overdue ${limits}`);
    }
    for (const rule of config.inquiryRules) parts.push(zh ? `近${rule.window.slice(0, -1)}月查询≤${rule.max}` : `≤${rule.max} inquiries/${rule.window}`);
    if (config.maxCardUtilisation !== undefined) {
      const percent = new Decimal(config.maxCardUtilisation).mul(100).toString();
      parts.push(zh ? `卡使用率≤${percent}%` : `cards ≤${percent}%`);
    }
    return parts.join(' · ');
  },
});
