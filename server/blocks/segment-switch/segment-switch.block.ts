import { defineBlockType, type CompiledExpression } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { BRANCH_OUTPUTS } from '../shared/ports.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import type { SegmentSwitchConfig } from '../config-types.generated.ts';

/** One customer segment: an output port and the condition that sends an application there. */
export interface SegmentBranch {
  id: string; // output port id; "else" is taken by the fixed fallback
  label: LocalizedText; // shown on the port
  when: string; // boolean expression
}

/** What compile makes of the config: parallel arrays in branch order. */
export interface SegmentSwitchPrepared {
  conditions: CompiledExpression[];
  ports: string[];
}

/**
 * 客群分流 / Segment switch — sends each customer segment (civil servants, payroll customers,
 * mortgage customers, others…) down its own path with its own caps and prices. Branches are
 * tried in order; the first true condition wins; nothing matching goes to `else`.
 */
export const segmentSwitchBlock = defineBlockType<SegmentSwitchConfig, SegmentSwitchPrepared>({
  type: 'segment-switch',
  version: 1,
  title: text('客群分流', 'Segment switch'),
  description: text('按条件把申请分到不同客群分支，先满足者优先，都不满足走“其他”。', 'Routes the application to the first segment whose condition holds; otherwise to else.'),
  category: 'segment',
  icon: '🔀',
  keywords: ['segment', 'switch', 'branch', 'route', 'customer group', '客群', '分流', '分层', '分支'],
  defaults: {
    branches: [{ id: 'civil-servant', label: text('公职人员', 'Civil servants'), when: 'applicant.employer.category in ["civil-servant", "public-institution"]' }],
  },
  role: 'router',
  dynamicOutputs: BRANCH_OUTPUTS,
  compile(config, ctx) {
    const diagnostics: BlockDiagnostic[] = [];
    const duplicate = duplicateCheck(
      (id) => (id === 'else' ? text('分支编号 else 保留给“其他”分支', 'The branch id else is reserved for the fallback output') : text(`分支编号 ${id} 重复`, `The branch id ${id} is used twice`)),
      ['else'], // the fixed fallback port
    );
    const reads = new Set<string>();
    const prepared: SegmentSwitchPrepared = { conditions: [], ports: [] };
    config.branches.forEach((branch, index) => {
      diagnostics.push(...duplicate(branch.id, `/branches/${index}/id`));
      const { compiled, diagnostics: found } = ctx.expression(branch.when, `/branches/${index}/when`, 'boolean');
      diagnostics.push(...found);
      if (!compiled) return;
      for (const path of compiled.reads) reads.add(path);
      prepared.conditions.push(compiled);
      prepared.ports.push(branch.id);
    });
    return { prepared, diagnostics, reads: [...reads].map((path) => ({ path, required: false })) };
  },
  evaluate(prepared, { application }) {
    const { conditions, ports } = prepared;
    for (let index = 0; index < conditions.length; index++) {
      if (conditions[index].evaluate(application) === true) return { kind: 'route', port: ports[index], facts: { branch: ports[index] } };
    }
    return { kind: 'route', port: 'else', facts: { branch: 'else' } };
  },
  summarize(config, locale) {
    const labels = config.branches.map((branch) => branch.label[locale]);
    return [...labels, locale === 'zh-CN' ? '其他' : 'else'].join(' / ');
  },
});
