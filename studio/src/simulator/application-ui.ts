import type { UiSchema } from '@rjsf/utils';
import type { JsonSchema, Locale, SampleApplication } from '../api/types.ts';

/** A uiSchema that labels every application field with its `x-label` in the current language. */
export function applicationUiSchema(schema: JsonSchema | undefined, locale: Locale, depth = 0): UiSchema {
  const ui: UiSchema = {};
  if (!schema || depth > 8) return ui;
  if (schema['x-label']) ui['ui:title'] = schema['x-label'][locale];
  if (schema['x-unit']) ui['ui:options'] = { unit: schema['x-unit'] };
  for (const [name, child] of Object.entries<JsonSchema>(schema.properties ?? {})) ui[name] = applicationUiSchema(child, locale, depth + 1);
  if (schema.items) {
    ui.items = applicationUiSchema(schema.items, locale, depth + 1);
    // a list of plain values (the lists an applicant is on): the list's own label names them; rjsf would label each "lists-1"
    if (!schema.items['x-label'] && schema.items.type !== 'object') ui.items['ui:label'] = false;
  }
  if (depth === 0) ui['ui:submitButtonOptions'] = { norender: true };
  return ui;
}

/** A stored sample's title in the current language (the server's contract: `SampleApplication`). */
export function sampleLabel(sample: SampleApplication, locale: Locale, index: number): string {
  return sample.title?.[locale] || sample.id || `#${index + 1}`;
}
