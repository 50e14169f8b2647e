import type { UiSchema } from '@rjsf/utils';
import type { JsonSchema, Locale } from '../api/types.ts';

/** A uiSchema that labels every application field with its `x-label` in the current language. */
export function applicationUiSchema(schema: JsonSchema | undefined, locale: Locale, depth = 0): UiSchema {
  const ui: UiSchema = {};
  if (!schema || depth > 8) return ui;
  if (schema['x-label']) ui['ui:title'] = schema['x-label'][locale];
  if (schema['x-unit']) ui['ui:options'] = { unit: schema['x-unit'] };
  for (const [name, child] of Object.entries<JsonSchema>(schema.properties ?? {})) ui[name] = applicationUiSchema(child, locale, depth + 1);
  if (schema.items) ui.items = applicationUiSchema(schema.items, locale, depth + 1);
  if (depth === 0) ui['ui:submitButtonOptions'] = { norender: true };
  return ui;
}

/** A sample's label, whatever shape the seed gives it. */
export function sampleLabel(sample: Record<string, unknown>, locale: Locale, index: number): string {
  for (const key of ['label', 'name', 'description', 'title']) {
    const value = sample[key];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && locale in value) return (value as Record<string, string>)[locale];
  }
  return typeof sample.id === 'string' ? sample.id : `#${index + 1}`;
}
