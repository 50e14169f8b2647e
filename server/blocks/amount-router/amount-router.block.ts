import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { Decimal, moneyString } from '../../engine/money.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { BRANCH_OUTPUTS } from '../shared/ports.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import type { AmountRouterConfig } from '../config-types.generated.ts';

/** One amount band: requests up to maxAmount (inclusive) not taken by an earlier band. */
export interface AmountBranch {
  id: string; // output port id; "else" is taken by the fixed fallback
  label: LocalizedText;
  maxAmount: string; // money, strictly ascending across branches
}

/** What compile makes of the config. */
export interface AmountRouterPrepared {
  maxima: Decimal[]; // ascending
  ports: string[];
}

/**
 * 金额分流 / Amount router — sends small and large requests down different paths (e.g. online
 * approval up to 20万, branch review above; entrusted payment above 50万). Uses the requested
 * amount; a request without one goes to `else`.
 */
export const amountRouterBlock = defineBlockType<AmountRouterConfig, AmountRouterPrepared>({
  type: 'amount-router',
  version: 1,
  title: text('金额分流', 'Amount router'),
  description: text(
    '按申请金额分流：金额不超过某分支上限即进入该分支，都超过或未填金额走“其他”。',
    'Routes on the requested amount: the first band whose upper bound covers it; above all bands, or no amount, goes to else.',
  ),
  category: 'segment',
  icon: '💴',
  keywords: ['amount', 'router', 'band', 'requested amount', '金额', '分流', '申请金额', '额度段'],
  defaults: { branches: [{ id: 'small', label: text('20万以内', 'Up to 200,000'), maxAmount: '200000' }] },
  role: 'router',
  dynamicOutputs: BRANCH_OUTPUTS,
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    const duplicate = duplicateCheck((id) => text(`分支编号 ${id} 重复或保留`, `The branch id ${id} is used twice or reserved`), ['else']);
    const maxima = config.branches.map((branch) => new Decimal(branch.maxAmount));
    config.branches.forEach((branch, index) => {
      diagnostics.push(...duplicate(branch.id, `/branches/${index}/id`));
      if (index === 0) return;
      const previous = maxima[index - 1];
      const pointer = `/branches/${index}/maxAmount`;
      if (maxima[index].lt(previous)) {
        diagnostics.push({
          code: 'MIN_ABOVE_MAX',
          severity: 'error',
          pointer,
          message: text(
            `上限 ${branch.maxAmount} 低于上一分支的上限 ${config.branches[index - 1].maxAmount}`,
            `The upper bound ${branch.maxAmount} is below the previous band's ${config.branches[index - 1].maxAmount}`,
          ),
        });
      } else if (maxima[index].eq(previous)) {
        diagnostics.push({
          code: 'TABLE_BANDS_OVERLAP',
          severity: 'error',
          pointer,
          message: text(`上限 ${branch.maxAmount} 与上一分支相同，此分支永远不会进入`, `The upper bound ${branch.maxAmount} equals the previous band's, so this band is never reached`),
        });
      }
    });
    return { prepared: { maxima, ports: config.branches.map((branch) => branch.id) }, diagnostics, reads: [] };
  },
  evaluate(prepared, { request }) {
    const amount = request.requestedAmount;
    if (!amount) return { kind: 'route', port: 'else', facts: { requestedAmount: null } };
    const facts = { requestedAmount: moneyString(amount) };
    for (let index = 0; index < prepared.maxima.length; index++) {
      if (amount.lte(prepared.maxima[index])) return { kind: 'route', port: prepared.ports[index], facts };
    }
    return { kind: 'route', port: 'else', facts };
  },
  summarize(config, locale) {
    const bands = config.branches.map((branch) => `≤ ${branch.maxAmount}`);
    return [...bands, locale === 'zh-CN' ? '其他' : 'else'].join(' / ');
  },
});
