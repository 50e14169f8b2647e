import type { BlockTypeInfo, JsonSchema, Locale, LocalizedText } from '../api/types.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** Facts the runtime itself records on many blocks, named with words the simulator already uses. */
const RUNTIME_FACTS: Record<string, MessageKey> = {
  termMonths: 'sim.term',
  asOf: 'sim.asOf',
  annualRate: 'sim.rate',
  hits: 'sim.fact.hits',
  rulesEvaluated: 'sim.fact.rulesEvaluated',
  ageAtMaturity: 'sim.fact.ageAtMaturity',
};

/** Every property of the application schema that carries an `x-label`, by its name (first one wins). */
export function applicationLabels(schema: JsonSchema | undefined): Map<string, LocalizedText> {
  const labels = new Map<string, LocalizedText>();
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 12) return;
    const properties = (node as JsonSchema).properties as Record<string, JsonSchema> | undefined;
    for (const [name, child] of Object.entries(properties ?? {})) {
      const label = child?.['x-label'] as LocalizedText | undefined;
      if (label && !labels.has(name)) labels.set(name, label);
      walk(child, depth + 1);
    }
    walk((node as JsonSchema).items, depth + 1);
  };
  walk(schema, 0);
  return labels;
}

/**
 * A trace fact's name in the UI language, derived (block types declare no labels for facts): a
 * fact named like one of the block's config fields takes that field's label, one named like an
 * application field takes the application's; anything else keeps the runtime's key.
 */
export function factLabel(key: string, blockType: BlockTypeInfo | undefined, application: ReadonlyMap<string, LocalizedText>, locale: Locale): string {
  const field = blockType?.ui.fields?.[`/${key}`]?.label;
  if (field) return field[locale];
  const fromApplication = application.get(key);
  if (fromApplication) return fromApplication[locale];
  const runtime = RUNTIME_FACTS[key];
  return runtime ? translate(locale, runtime) : key;
}

/** A name an author gave an item: a plain string (the same in both languages) or `{ "zh-CN", "en" }`, an empty language showing the other. */
function nameIn(value: unknown, locale: Locale): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (!value || typeof value !== 'object') return undefined;
  const both = value as Partial<LocalizedText>;
  return both[locale] || both[locale === 'en' ? 'zh-CN' : 'en'] || undefined;
}

/**
 * The ids of a config's list items (a rule set's rules, a pricing table's rows) with the names the
 * author gave them, by id: "R001" → "R001 年龄未满30岁" / "R001 Applicant under 30". Derived from the
 * config's shape (items with an `id` and a `name` or `label`), so no block type needs studio code.
 */
export function namedItems(config: Record<string, unknown> | undefined, locale: Locale): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of Object.values(config ?? {})) {
    if (!Array.isArray(list)) continue;
    for (const item of list as Record<string, unknown>[]) {
      const name = item && typeof item.id === 'string' ? nameIn(item.name ?? item.label, locale) : undefined;
      if (name && !names.has(item.id as string)) names.set(item.id as string, `${item.id as string} ${name}`);
    }
  }
  return names;
}

/**
 * A fact's value in words where the block's field declares option labels (repayment methods, crops…),
 * or, for a list of ids of the config's items (the rules a rule set hit), each with its name.
 */
export function factValue(key: string, value: unknown, blockType: BlockTypeInfo | undefined, locale: Locale, config?: Record<string, unknown>): unknown {
  const options = blockType?.ui.fields?.[`/${key}`]?.enumLabels;
  const age = value as { years?: unknown; months?: unknown } | null;
  if (age && typeof age === 'object' && Number.isInteger(age.years) && Number.isInteger(age.months) && Object.keys(age).length === 2)
    return translate(locale, 'sim.fact.yearsMonths', { years: age.years as number, months: age.months as number }); // an age in completed years and months
  if (!options && Array.isArray(value) && value.length && value.every((item) => typeof item === 'string')) {
    const names = namedItems(config, locale);
    if (value.some((id) => names.has(id))) return value.map((id) => names.get(id) ?? id).join(locale === 'zh-CN' ? '、' : ', ');
  }
  if (!options) return value;
  const word = (item: unknown) => (typeof item === 'string' && options[item] ? options[item][locale] : item);
  return Array.isArray(value) ? value.map(word).join(locale === 'zh-CN' ? '、' : ', ') : word(value);
}
