import type { FieldHint, UiHints } from './block-type.ts';

/**
 * A block's form hints come from its config schema, where each field is written once: the
 * annotation keywords `x-label` and `x-help` (zh-CN and en), `x-unit`, `x-widget`, `x-enum-labels`
 * and `x-show-if` sit next to the field's type and bounds, and the form order is the order of the
 * schema's `properties`. This derives the `ui` hints the studio reads (GET /api/block-types) from it,
 * so no descriptor repeats a label, a unit or an order.
 */

/** The annotation keywords a config field may carry (registered with Ajv as a vocabulary). */
export const FIELD_ANNOTATIONS = ['x-label', 'x-help', 'x-unit', 'x-widget', 'x-enum-labels', 'x-show-if'] as const;

type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode => !!value && typeof value === 'object' && !Array.isArray(value);

function hintOf(node: SchemaNode): FieldHint | undefined {
  const hint: FieldHint = {};
  if (node['x-label']) hint.label = node['x-label'] as FieldHint['label'];
  if (node['x-help']) hint.help = node['x-help'] as FieldHint['help'];
  if (node['x-unit']) hint.unit = node['x-unit'] as FieldHint['unit'];
  if (node['x-widget']) hint.widget = node['x-widget'] as FieldHint['widget'];
  const items = isNode(node.items) ? node.items : undefined;
  // An array of enum values (methods offered) is labelled like the enum itself.
  const enumLabels = node['x-enum-labels'] ?? items?.['x-enum-labels'];
  if (enumLabels) hint.enumLabels = enumLabels as FieldHint['enumLabels'];
  if (node['x-show-if']) hint.showIf = node['x-show-if'] as FieldHint['showIf'];
  return Object.keys(hint).length ? hint : undefined;
}

/**
 * The `ui` hints of a config schema whose `$ref`s are inlined: `order` is the top-level property
 * order, `fields` maps a JSON pointer into the config ("/bands/items/min" for array items) to its hint.
 * Conditional branches (`allOf`, `oneOf`, `anyOf`, `then`, `else`) describe the same fields, so
 * their hints land on the same pointers; the first one found wins.
 */
export function uiHintsFromSchema(schema: object): UiHints {
  const fields: Record<string, FieldHint> = {};
  const walk = (node: unknown, pointer: string, depth: number): void => {
    if (!isNode(node) || depth > 16) return;
    if (pointer && !fields[pointer]) {
      const hint = hintOf(node);
      if (hint) fields[pointer] = hint;
    }
    if (isNode(node.properties)) for (const [name, child] of Object.entries(node.properties)) walk(child, `${pointer}/${name}`, depth + 1);
    if (isNode(node.items)) walk(node.items, `${pointer}/items`, depth + 1);
    for (const key of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(node[key])) for (const branch of node[key] as unknown[]) walk(branch, pointer, depth + 1);
    for (const key of ['then', 'else']) walk(node[key], pointer, depth + 1);
  };
  walk(schema, '', 0);
  const properties = (schema as { properties?: object }).properties;
  return { order: properties ? Object.keys(properties) : [], fields };
}
