import type { BlockTypeInfo, JsonSchema, Locale, LocalizedText } from '../api/types.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** Facts the runtime itself records on many blocks, named with words the simulator already uses. */
const RUNTIME_FACTS: Record<string, MessageKey> = { termMonths: 'sim.term', asOf: 'sim.asOf', annualRate: 'sim.rate' };

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

/** A fact's value in words where the block's field declares option labels (repayment methods, crops…). */
export function factValue(key: string, value: unknown, blockType: BlockTypeInfo | undefined, locale: Locale): unknown {
  const options = blockType?.ui.fields?.[`/${key}`]?.enumLabels;
  if (!options) return value;
  const word = (item: unknown) => (typeof item === 'string' && options[item] ? options[item][locale] : item);
  return Array.isArray(value) ? value.map(word).join(locale === 'zh-CN' ? '、' : ', ') : word(value);
}
