import type { UiSchema } from '@rjsf/utils';
import type { BlockTypeInfo, FieldHint, JsonSchema, Locale } from '../api/types.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** Walks "/a/items/b" into the nested uiSchema node for that field, creating it. */
function nodeAt(root: UiSchema, pointer: string): UiSchema {
  let node = root;
  for (const part of pointer.split('/').filter(Boolean)) {
    node[part] ??= {};
    node = node[part] as UiSchema;
  }
  return node;
}

function applyHint(node: UiSchema, hint: FieldHint, locale: Locale): void {
  if (hint.label) node['ui:title'] = hint.label[locale];
  if (hint.help) node['ui:help'] = hint.help[locale];
  const options: Record<string, unknown> = { ...((node['ui:options'] as object) ?? {}) };
  if (hint.unit) options.unit = translate(locale, `unit.${hint.unit}` as MessageKey);
  if (hint.unit === 'CNY') options.money = true;
  if (hint.enumLabels) node['ui:enumNames'] = Object.fromEntries(Object.entries(hint.enumLabels).map(([value, label]) => [value, label[locale]]));
  switch (hint.widget) {
    case 'expression':
      node['ui:widget'] = 'expression';
      break;
    case 'decision-table':
      node['ui:field'] = 'decisionTable';
      break;
    case 'tags':
      node['ui:widget'] = 'tags';
      break;
    case 'textarea':
      node['ui:widget'] = 'textarea';
      break;
    case 'date':
      node['ui:widget'] = 'date';
      break;
    case 'month-day':
      node['ui:placeholder'] = 'MM-DD';
      break;
  }
  node['ui:options'] = options as UiSchema['ui:options'];
}

const LANGUAGE_TITLES: Record<Locale, { zh: string; en: string }> = { 'zh-CN': { zh: '中文', en: '英文' }, en: { zh: 'Chinese', en: 'English' } };

/**
 * Fills what the hints leave to the schema's English titles: the two halves of a bilingual text
 * are titled in the UI language, and an object whose fields are all labelled shows no English heading.
 */
function localizeGaps(schema: JsonSchema | undefined, node: UiSchema, locale: Locale, depth = 0): void {
  if (!schema || depth > 8) return;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties?.['zh-CN'] && properties.en) {
    node['zh-CN'] = { ...(node['zh-CN'] as UiSchema), 'ui:title': LANGUAGE_TITLES[locale].zh };
    node.en = { ...(node.en as UiSchema), 'ui:title': LANGUAGE_TITLES[locale].en };
    return;
  }
  if (properties) {
    const names = Object.keys(properties);
    const labelled = names.length > 0 && names.every((name) => typeof (node[name] as UiSchema | undefined)?.['ui:title'] === 'string');
    if (depth > 0 && labelled && node['ui:title'] === undefined) node['ui:title'] = '';
    for (const name of names) {
      node[name] ??= {};
      localizeGaps(properties[name], node[name] as UiSchema, locale, depth + 1);
    }
  }
  if (schema.items && typeof schema.items === 'object' && schema.items.properties) {
    node.items ??= {};
    localizeGaps(schema.items, node.items as UiSchema, locale, depth + 1);
  }
}

/**
 * A list of known values (repayment methods) as a row of checkboxes: rjsf's default for it is a
 * multiple <select>, which takes Ctrl+click to choose more than one — nobody finds that.
 */
function choicesAsCheckboxes(schema: JsonSchema | undefined, node: UiSchema, depth = 0): void {
  if (!schema?.properties || depth > 6) return;
  for (const [name, child] of Object.entries<JsonSchema>(schema.properties)) {
    const ui = (node[name] ??= {}) as UiSchema;
    if (child.type === 'array' && Array.isArray(child.items?.enum) && !ui['ui:widget']) {
      ui['ui:widget'] = 'checkboxes';
      ui['ui:options'] = { ...((ui['ui:options'] as object) ?? {}), inline: true };
    } else if (child.type === 'object') choicesAsCheckboxes(child, ui, depth + 1);
  }
}

/**
 * The block type's UI hints (bilingual labels, help, units, widgets, enum labels, showIf) as an
 * rjsf uiSchema, for the current language and form data.
 */
export function buildUiSchema(blockType: BlockTypeInfo, locale: Locale, formData: Record<string, unknown>): UiSchema {
  const ui: UiSchema = {
    'ui:submitButtonOptions': { norender: true },
    'ui:title': '',
  };
  if (blockType.ui.order) ui['ui:order'] = [...blockType.ui.order, '*'];
  for (const [pointer, hint] of Object.entries(blockType.ui.fields ?? {})) {
    const node = nodeAt(ui, pointer);
    applyHint(node, hint, locale);
    if (hint.showIf && pointer.split('/').length === 2 && formData[hint.showIf.field] !== hint.showIf.equals) node['ui:widget'] = 'hidden';
  }
  localizeGaps(blockType.configSchema, ui, locale);
  choicesAsCheckboxes(blockType.configSchema, ui);
  return ui;
}
