import type { BlockTypeInfo, JsonSchema, Locale, LocalizedText } from '../api/types.ts';

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
  return fromApplication ? fromApplication[locale] : key;
}
