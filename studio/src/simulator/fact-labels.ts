import type { BlockTypeInfo, JsonSchema, Locale, LocalizedText } from '../api/types.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { formatBp, formatMoney } from '../i18n/format.ts';
import { RUNTIME_FACTS, RUNTIME_VALUES, type FactKind } from './runtime-facts.ts';

/** Facts the runtime itself records on many blocks, named with words the simulator already uses. */
const SIMULATOR_FACTS: Record<string, MessageKey> = {
  termMonths: 'sim.term',
  asOf: 'sim.asOf',
  annualRate: 'sim.rate',
  hits: 'sim.fact.hits',
  rulesEvaluated: 'sim.fact.rulesEvaluated',
  ageAtMaturity: 'sim.fact.ageAtMaturity',
};
const SIMULATOR_KINDS: Record<string, FactKind> = { annualRate: 'percent', hits: 'list' };

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

/** The application fields whose unit is CNY (appraised value, existing liens…), by name: their trace facts read as money. */
export function applicationMoneyFields(schema: JsonSchema | undefined): Set<string> {
  const money = new Set<string>();
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 12) return;
    for (const [name, child] of Object.entries(((node as JsonSchema).properties ?? {}) as Record<string, JsonSchema>)) {
      if (child?.['x-unit'] === 'CNY') money.add(name);
      walk(child, depth + 1);
    }
    walk((node as JsonSchema).items, depth + 1);
  };
  walk(schema, 0);
  return money;
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
  const simulator = SIMULATOR_FACTS[key];
  if (simulator) return translate(locale, simulator);
  return RUNTIME_FACTS[key]?.label[locale] ?? key;
}

/** What kind of value a fact holds: from its config field's unit, else from what the runtime records under that key. */
function kindOf(key: string, blockType: BlockTypeInfo | undefined): FactKind | undefined {
  const unit = blockType?.ui.fields?.[`/${key}`]?.unit;
  if (unit === 'CNY') return 'money';
  if (unit === '%') return 'percent';
  if (unit === 'bp') return 'bp';
  return SIMULATOR_KINDS[key] ?? RUNTIME_FACTS[key]?.kind;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const isNumber = (value: unknown): value is string | number => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && NUMBER.test(value));
// "5.4000" → "5.40%": the runtime's four places cut to two where the rest are zeros, never rounded
const percent = (value: string | number) => `${String(value).replace(/^(-?\d+\.\d\d\d*?)0+$/, '$1')}%`;
const bp = (value: string | number) => formatBp(Number(value));

/** A value of `kind` as a product manager reads it, or undefined when it is not shaped that way (it then shows as recorded). */
function formatKind(kind: FactKind, value: unknown, locale: Locale): string | undefined {
  const range = value as { min?: unknown; max?: unknown } | null;
  const list = locale === 'zh-CN' ? '、' : ', ';
  switch (kind) {
    case 'money':
      return isNumber(value) ? formatMoney(value) : undefined;
    case 'percent':
      return isNumber(value) ? percent(value) : undefined;
    case 'bp':
      return isNumber(value) ? bp(value) : undefined;
    case 'percent-range':
    case 'bp-range': {
      if (!range || !isNumber(range.min) || !isNumber(range.max)) return undefined;
      const one = kind === 'bp-range' ? bp : percent;
      return range.min === range.max ? one(range.min) : `${one(range.min)} – ${one(range.max)}`;
    }
    case 'years-months': {
      const age = value as { years?: unknown; months?: unknown } | null;
      if (!age || !Number.isInteger(age.years) || !Number.isInteger(age.months)) return undefined;
      return locale === 'zh-CN' ? `${age.years} 岁 ${age.months} 个月` : `${age.years} years ${age.months} months`;
    }
    case 'list':
      return Array.isArray(value) ? (value.length ? value.join(list) : locale === 'zh-CN' ? '（无）' : '(none)') : undefined;
  }
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
 * A fact's value in words: option labels where the block's field declares them (repayment methods,
 * crops…); an age in years and months; a list of ids of the config's items (the rules a rule set
 * hit) each with its name; money as money and rates as percentages where the field's unit or the
 * runtime's key says so; anything else as recorded.
 */
export function factValue(key: string, value: unknown, blockType: BlockTypeInfo | undefined, locale: Locale, config?: Record<string, unknown>): unknown {
  const options = blockType?.ui.fields?.[`/${key}`]?.enumLabels;
  const runtimeWord = RUNTIME_VALUES[key]?.[String(value)];
  if (runtimeWord) return runtimeWord[locale];
  const age = value as { years?: unknown; months?: unknown } | null;
  if (age && typeof age === 'object' && Number.isInteger(age.years) && Number.isInteger(age.months) && Object.keys(age).length === 2)
    return translate(locale, 'sim.fact.yearsMonths', { years: age.years as number, months: age.months as number }); // an age in completed years and months
  if (!options && Array.isArray(value) && value.length && value.every((item) => typeof item === 'string')) {
    const names = namedItems(config, locale);
    if (value.some((id) => names.has(id))) return value.map((id) => names.get(id) ?? id).join(locale === 'zh-CN' ? '、' : ', ');
  }
  if (!options) {
    const kind = kindOf(key, blockType);
    return (kind && formatKind(kind, value, locale)) ?? value;
  }
  const word = (item: unknown) => (typeof item === 'string' && options[item] ? options[item][locale] : item);
  return Array.isArray(value) ? value.map(word).join(locale === 'zh-CN' ? '、' : ', ') : word(value);
}
