import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics.ts';
import { text } from '../text.ts';

/** Builds a diagnostic; messages are given in both languages at the call site. */
export function diagnostic(code: DiagnosticCode, severity: Severity, pointer: string, zh: string, en: string, where: { blockId?: string; linkId?: string } = {}): Diagnostic {
  return { code, severity, message: text(zh, en), pointer, ...where };
}

export const hasErrors = (diagnostics: Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
