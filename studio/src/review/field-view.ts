import type { BlockTypeInfo, FieldChange, FieldHint, Locale } from '../api/types.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { groupThousands } from '../inspector/money-text.ts';

/** One changed setting as an approver reads it: its label path and both values in words and units. */
export interface FieldRow {
  pointer: string; // block-relative, e.g. /config/rounding/mode
  label: string; // 每期金额舍入 · 舍入方式
  before: string; // '—' when the setting is new
  after: string; // '—' when the setting is gone
}

type Json = unknown;
const isLocalized = (value: Json): value is Record<'zh-CN' | 'en', string> =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => key === 'zh-CN' || key === 'en');
const isObject = (value: Json): value is Record<string, Json> => !!value && typeof value === 'object' && !Array.isArray(value);

/** The leaves of a value: objects and arrays of objects opened up, lists of plain values and bilingual texts kept whole. */
function leaves(value: Json, pointer: string, out: Map<string, Json>): Map<string, Json> {
  if (isObject(value) && !isLocalized(value)) for (const [key, child] of Object.entries(value)) leaves(child, `${pointer}/${key}`, out);
  else if (Array.isArray(value) && value.some((item) => isObject(item))) value.forEach((item, index) => leaves(item, `${pointer}/${index}`, out));
  else out.set(pointer, value);
  return out;
}

/** The UI hint for a config pointer, with array indexes read as the schema's `items`. */
function hintAt(blockType: BlockTypeInfo | undefined, configPointer: string): FieldHint | undefined {
  const fields = blockType?.ui.fields ?? {};
  return fields[configPointer] ?? fields[configPointer.replace(/\/\d+(?=\/|$)/g, '/items')];
}

function labelOf(blockType: BlockTypeInfo | undefined, pointer: string, locale: Locale): string {
  const parts = pointer.split('/').filter(Boolean);
  if (parts[0] === 'label') return translate(locale, 'inspector.label') + (parts[1] ? ` (${parts[1] === 'en' ? 'English' : '中文'})` : '');
  const names: string[] = [];
  for (let i = 2; i <= parts.length; i += 1) {
    const part = parts[i - 1];
    if (part === 'config') continue;
    if (/^\d+$/.test(part)) {
      names.push(translate(locale, 'diff.row', { row: Number(part) + 1 }));
      continue;
    }
    const hint = hintAt(blockType, '/' + parts.slice(1, i).join('/'));
    names.push(hint?.label?.[locale] ?? (part === 'zh-CN' ? '中文' : part === 'en' ? 'English' : part));
  }
  return names.join(' · ') || translate(locale, 'diff.settings');
}

function valueText(value: Json, hint: FieldHint | undefined, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((item) => valueText(item, hint, locale)).join(locale === 'zh-CN' ? '、' : ', ') : '—';
  if (isLocalized(value)) return value[locale] || value['zh-CN'] || value.en;
  if (typeof value === 'boolean') return translate(locale, value ? 'diff.yes' : 'diff.no');
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  const label = hint?.enumLabels?.[text]?.[locale];
  if (label) return label;
  if (!hint?.unit) return text;
  const unit = translate(locale, `unit.${hint.unit}` as MessageKey);
  if (hint.unit === 'CNY') return `${groupThousands(text)} ${unit}`;
  return hint.unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/**
 * A field change of the version diff as rows a person reads: an object that changed as a whole
 * (a new product's settings arrive as one `/config`) is opened into its settings, each named by its
 * label path, with values in their units and enum labels; settings equal on both sides are left out.
 */
export function fieldRows(change: FieldChange, blockType: BlockTypeInfo | undefined, locale: Locale): FieldRow[] {
  const before = leaves(change.before, change.pointer, new Map());
  const after = leaves(change.after, change.pointer, new Map());
  const pointers = [...new Set([...before.keys(), ...after.keys()])];
  return pointers
    .filter((pointer) => JSON.stringify(before.get(pointer)) !== JSON.stringify(after.get(pointer)))
    .map((pointer) => {
      const hint = hintAt(blockType, pointer.replace(/^\/config/, ''));
      return { pointer, label: labelOf(blockType, pointer, locale), before: valueText(before.get(pointer), hint, locale), after: valueText(after.get(pointer), hint, locale) };
    });
}
