import type { Locale, ReasonLabels, SimulationReport } from '../api/types.ts';

type Labels = NonNullable<SimulationReport['labels']>;

/**
 * A code as its reader sees it: the label in the UI language and the code beside it
 * ("人工规则 R0001 · REFER_R0001"), so a bank's PM reads the meaning and can still search the rule
 * by its code. A code without a label (a report stored before labels existed, a code no product
 * defines) shows alone.
 */
export function labelledCode(labels: ReasonLabels | undefined, code: string, locale: Locale): string {
  const label = labels?.[code]?.[locale];
  return label && label.toLowerCase() !== code.toLowerCase() ? `${label} · ${code}` : code; // "Else · else" would say it twice
}

/** A reason code or segment key of an impact report, labelled from the report (`labels`). */
export function labelled(labels: SimulationReport['labels'], kind: keyof Labels, code: string, locale: Locale): string {
  return labelledCode(labels?.[kind], code, locale);
}

/** Several reason codes, labelled (the server's labels for them: a report's, a suite run's, a trace's), in the language's list punctuation. */
export function labelledReasons(labels: ReasonLabels | undefined, codes: readonly string[], locale: Locale): string {
  return codes.map((code) => labelledCode(labels, code, locale)).join(locale === 'zh-CN' ? '、' : ', ');
}

/** Several reason codes of one applicant of an impact report, labelled. */
export function labelledCodes(labels: SimulationReport['labels'], codes: readonly string[], locale: Locale): string {
  return labelledReasons(labels?.reasonCodes, codes, locale);
}
