import { defineBlockType } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { text } from '../../engine/text.ts';
import { evaluateAge } from './age-gate.evaluate.ts';
import type { AgeGateConfig } from '../config-types.generated.ts';

/**
 * 年龄准入 / Age — declines applicants outside the age window and, when configured, those who
 * would be older than the cap when the loan matures. The term is the requested one, else the
 * product's shortest term (the most lenient case; a longer requested term is checked when asked).
 */
export const ageGateBlock = defineBlockType<AgeGateConfig>({
  type: 'age-gate',
  version: 1,
  title: text('年龄准入', 'Age'),
  description: text('申请人年龄须在上下限之间；可限制贷款到期时的年龄（年龄 + 期限）。', 'The applicant’s age must be within the bounds; optionally caps the age when the loan matures (age + term).'),
  category: 'eligibility',
  icon: '🎂',
  keywords: ['age', 'birth', 'maturity', '年龄', '周岁', '出生日期', '到期年龄'],
  defaults: { minAge: 18, maxAge: 65, ageSource: 'age' },
  role: 'gate',
  compile(config) {
    const diagnostics: BlockDiagnostic[] = [];
    if (config.minAge > config.maxAge) {
      diagnostics.push({
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        pointer: '/minAge',
        message: text(`最低年龄 ${config.minAge} 岁高于最高年龄 ${config.maxAge} 岁`, `The minimum age ${config.minAge} is above the maximum age ${config.maxAge}`),
      });
    }
    // Nobody old enough to apply could repay before this age: the gate would refuse everyone.
    if (config.maxAgeAtMaturity !== undefined && config.maxAgeAtMaturity < config.minAge) {
      diagnostics.push({
        code: 'MIN_ABOVE_MAX',
        severity: 'error',
        pointer: '/maxAgeAtMaturity',
        message: text(`到期最高年龄 ${config.maxAgeAtMaturity} 岁低于最低年龄 ${config.minAge} 岁`, `The maximum age at maturity ${config.maxAgeAtMaturity} is below the minimum age ${config.minAge}`),
      });
    }
    const path = config.ageSource === 'age' ? 'applicant.age' : 'applicant.birthDate';
    return {
      prepared: config,
      diagnostics,
      reads: [{ path, required: true }],
      facts: config.maxAgeAtMaturity === undefined ? {} : { maxAgeAtMaturity: config.maxAgeAtMaturity },
    };
  },
  evaluate: evaluateAge,
  summarize(config, locale) {
    const maturity = config.maxAgeAtMaturity;
    if (locale === 'zh-CN') return `${config.minAge}–${config.maxAge} 岁${maturity === undefined ? '' : `，到期 ≤ ${maturity} 岁`}`;
    return `age ${config.minAge}–${config.maxAge}${maturity === undefined ? '' : `, ≤ ${maturity} at maturity`}`;
  },
});
