import { defineBlockType } from '../../engine/block-type.ts';
import { text } from '../../engine/text.ts';
import { failOutput, passOutput } from '../shared/ports.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import { fieldMissingFailure } from '../shared/field-missing.ts';
import type { RegionGateConfig } from '../config-types.generated.ts';

/** What compile makes of the config. */
export interface RegionGatePrepared {
  field: RegionGateConfig['field'];
  served: Set<string>; // O(1) membership however long the list
  servedText: { zh: string; en: string }; // the list as reasons show it, built once
  action: 'decline' | 'refer';
}

/** At most five names in a reason; a 300-county list would drown the message. */
function listText(regions: string[]): { zh: string; en: string } {
  const shown = regions.slice(0, 5);
  const more = regions.length - shown.length;
  return { zh: shown.join('、') + (more > 0 ? ` 等 ${regions.length} 个` : ''), en: shown.join(', ') + (more > 0 ? ` and ${more} more` : '') };
}

/**
 * 地域准入 / Region allowlist — a local bank lends only where it is licensed to (regulation:
 * local legal-person banks' online lending stays in the registered region). The applicant's or
 * the business's county must be on the list.
 */
export const regionGateBlock = defineBlockType<RegionGateConfig, RegionGatePrepared>({
  type: 'region-gate',
  version: 1,
  title: text('地域准入', 'Region allowlist'),
  description: text('申请人或经营地所在区县须在服务区域名单内。', 'The applicant’s or the business’s county must be one the bank serves.'),
  category: 'eligibility',
  icon: '📍',
  keywords: ['region', 'county', 'location', 'local', '地域', '区县', '本地', '服务区域'],
  defaults: { field: 'applicant.region', regions: ['罗平县'], action: 'decline' },
  role: 'gate',
  outputs: [passOutput(text('区域内', 'Served')), failOutput(text('区域外', 'Not served'))],
  compile(config) {
    const duplicate = duplicateCheck((region) => text(`区域 ${region} 重复`, `The region ${region} is listed twice`));
    const diagnostics = config.regions.flatMap((region, index) => duplicate(region, `/regions/${index}`));
    const served = new Set(config.regions);
    return { prepared: { field: config.field, served, servedText: listText(config.regions), action: config.action }, diagnostics, reads: [{ path: config.field, required: true }] };
  },
  evaluate(prepared, { application }) {
    const [group, key] = prepared.field === 'applicant.region' ? ['applicant', 'region'] : ['business', 'region'];
    const region = (application[group] as Record<string, unknown> | undefined)?.[key];
    if (typeof region !== 'string') {
      return fieldMissingFailure(prepared.action, text(`缺少 ${prepared.field}，无法判断服务区域`, `The region check needs ${prepared.field}, which is missing`));
    }
    if (prepared.served.has(region)) return { kind: 'gate', passed: true, facts: { region } };
    const { zh, en } = prepared.servedText;
    return {
      kind: 'gate',
      passed: false,
      action: prepared.action,
      reasons: [{ code: 'REGION_NOT_SERVED', message: text(`所在地区 ${region} 不在服务区域（${zh}）内`, `The region ${region} is outside the service area (${en})`) }],
      facts: { region },
    };
  },
  summarize(config, locale) {
    const { zh, en } = listText(config.regions);
    return locale === 'zh-CN' ? zh : en;
  },
});
