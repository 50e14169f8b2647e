import type { Locale, SimulationReport } from '../api/types.ts';

type Labels = NonNullable<SimulationReport['labels']>;

/**
 * A reason code or segment key as the report's reader sees it: the product's label in the UI
 * language and the code beside it ("人工规则 R0001 · REFER_R0001"), so a bank's PM reads the
 * meaning and can still search the rule by its code. A report stored before labels existed, or a
 * code no product defines, shows the code alone.
 */
export function labelled(labels: SimulationReport['labels'], kind: keyof Labels, code: string, locale: Locale): string {
  const label = labels?.[kind][code]?.[locale];
  return label && label.toLowerCase() !== code.toLowerCase() ? `${label} · ${code}` : code; // "Else · else" would say it twice
}

/** Several reason codes of one applicant, labelled, in the language's list punctuation. */
export function labelledCodes(labels: SimulationReport['labels'], codes: readonly string[], locale: Locale): string {
  return codes.map((code) => labelled(labels, 'reasonCodes', code, locale)).join(locale === 'zh-CN' ? '、' : ', ');
}
