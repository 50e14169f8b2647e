import { defineBlockType, type FieldRead } from '../../engine/block-type.ts';
import { Decimal } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { fixedCap, fixedCapStaticFacts } from '../shared/fixed-cap.ts';
import { duplicateCheck } from '../shared/duplicates.ts';
import { CROP_LABELS, cropAreaCaps, type Crop, type CropAreaQuotaPrepared } from './crop-area-quota.evaluate.ts';
import type { CropAreaQuotaConfig } from '../config-types.generated.ts';

/** 种植面积 × 每亩额度 / Crop-area quota: farm-household loans sized on verified planted area. */
export const cropAreaQuotaBlock = defineBlockType<CropAreaQuotaConfig, CropAreaQuotaPrepared>({
  type: 'crop-area-quota',
  version: 1,
  title: text('种植面积 × 每亩额度', 'Crop-area quota'),
  description: text(
    '每种作物的核实面积（申报面积、承包地 + 流转面积、投保面积三者取低）× 每亩额度，再求和；可另设预期销售收入占比和固定上限。',
    "Sums, over the crops, the verified area (lowest of declared, own + transferred-in, and insured area) × the crop's per-mu quota; optionally also caps at a share of expected revenue and at a fixed amount.",
  ),
  category: 'limit',
  icon: '🌾',
  keywords: ['农户', '种植', '亩', '每亩额度', '黄姜', '土地流转', '农业保险', 'farm', 'crop', 'mu', 'ginger', 'agriculture'],
  defaults: {
    quotas: [
      { crop: 'ginger', perMu: '3000' },
      { crop: 'tobacco-leaf', perMu: '2000' },
      { crop: 'rapeseed', perMu: '500' },
      { crop: 'maize', perMu: '600' },
      { crop: 'rice', perMu: '600' },
    ],
    requireInsurance: true,
    revenueSharePercent: 60,
  },
  role: 'contributor',
  provides: ['limit'],
  compile(config) {
    const duplicate = duplicateCheck((crop: Crop) => text(`作物「${CROP_LABELS[crop]['zh-CN']}」的每亩额度重复设置`, `The crop "${CROP_LABELS[crop].en}" has more than one quota`));
    const diagnostics = config.quotas.flatMap((quota, index) => duplicate(quota.crop, `/quotas/${index}/crop`));
    const perMu = new Map<string, Decimal>(config.quotas.map((quota) => [quota.crop, new Decimal(quota.perMu)])); // a repeated crop: the last row counts
    const reads: FieldRead[] = [{ path: 'farm.crops', required: true }];
    if (config.revenueSharePercent !== undefined) reads.push({ path: 'farm.expectedRevenue', required: true });
    const cap = fixedCap(config.cap);
    const revenueShare = config.revenueSharePercent === undefined ? undefined : { percent: config.revenueSharePercent, share: new Decimal(String(config.revenueSharePercent)).div(100) };
    return { prepared: { perMu, requireInsurance: config.requireInsurance, revenueShare, cap }, diagnostics, reads, facts: fixedCapStaticFacts(cap) };
  },
  evaluate(prepared, input) {
    const { caps, facts } = cropAreaCaps(prepared, input.application);
    return { kind: 'contribute', contribution: { limitCaps: caps }, facts };
  },
  summarize(config, locale) {
    const zh = locale === 'zh-CN';
    return config.quotas.map((quota) => `${CROP_LABELS[quota.crop][zh ? 'zh-CN' : 'en']} ${quota.perMu}${zh ? ' 元/亩' : '/mu'}`).join(zh ? '，' : ', ');
  },
});
