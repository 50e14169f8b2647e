import type { Diagnostic, JsonSchema, Locale } from '../api/types.ts';

/** What custom widgets receive through rjsf's formContext. */
export interface InspectorFormContext {
  diagnostics: (Diagnostic & { fieldPointer?: string })[]; // this block's diagnostics, with config-relative pointers
  applicationSchema: JsonSchema;
  locale: Locale;
  config: Record<string, unknown>; // the whole block config (a decision table's columns come from its `inputs`)
}
