import { defineBlockType } from '../../engine/block-type.ts';
import { text } from '../../engine/text.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import type { ListGateConfig } from '../config-types.generated.ts';

/** What compile makes of the config. */
export interface ListGatePrepared {
  whitelist: boolean;
  lists: string[];
  listed: Set<string>;
  action: 'decline' | 'refer';
}

/**
 * 名单准入 / List membership — 名单制: banks pre-match applicants against whitelists (civil
 * servants, payroll customers, pre-approved batches) and blacklists (court-listed defaulters,
 * internal bans). The channel sends the ids of the lists an applicant is on; an absent
 * applicant.lists means "on no list".
 */
export const listGateBlock = defineBlockType<ListGateConfig, ListGatePrepared>({
  type: 'list-gate',
  version: 1,
  title: text('名单准入', 'List membership'),
  description: text('白名单：在任一名单内才通过；黑名单：在任一名单内即不通过。', 'Whitelist: passes applicants on any of the lists; blacklist: fails applicants on any of them.'),
  category: 'eligibility',
  icon: '📋',
  keywords: ['whitelist', 'blacklist', 'list', 'pre-approved', '白名单', '黑名单', '名单', '预授信'],
  defaults: { mode: 'blacklist', lists: ['court-defaulters'], action: 'decline' },
  role: 'gate',
  compile(config) {
    const duplicate = duplicateCheck((list) => text(`名单 ${list} 重复`, `The list ${list} appears twice`));
    const diagnostics = config.lists.flatMap((list, index) => duplicate(list, `/lists/${index}`));
    const listed = new Set(config.lists);
    return {
      prepared: { whitelist: config.mode === 'whitelist', lists: config.lists, listed, action: config.action },
      diagnostics,
      reads: [{ path: 'applicant.lists', required: true }],
    };
  },
  evaluate(prepared, { application }) {
    const onLists = (application.applicant as { lists?: string[] } | undefined)?.lists ?? [];
    const matched = onLists.filter((list) => prepared.listed.has(list));
    const facts = { matched };
    if (prepared.whitelist) {
      if (matched.length) return { kind: 'gate', passed: true, facts };
      const names = prepared.lists.join('、');
      return {
        kind: 'gate',
        passed: false,
        action: prepared.action,
        reasons: [{ code: 'NOT_ON_WHITELIST', message: text(`申请人不在白名单（${names}）内`, `The applicant is not on the whitelist (${prepared.lists.join(', ')})`) }],
        facts,
      };
    }
    if (!matched.length) return { kind: 'gate', passed: true, facts };
    return {
      kind: 'gate',
      passed: false,
      action: prepared.action,
      reasons: [{ code: 'ON_BLACKLIST', message: text(`申请人在黑名单 ${matched.join('、')} 内`, `The applicant is on the blacklist (${matched.join(', ')})`) }],
      facts,
    };
  },
  summarize(config, locale) {
    const kind = config.mode === 'whitelist' ? (locale === 'zh-CN' ? '白名单' : 'whitelist') : locale === 'zh-CN' ? '黑名单' : 'blacklist';
    return `${kind}: ${config.lists.join(', ')}`;
  },
});
