/**
 * The field rules of "one source per field": each config field of a block schema carries its own
 * bilingual label (`x-label`), a unit when it is money, a rate or a term (`x-unit`), and bilingual
 * labels for every enum value (`x-enum-labels`). Fields written as a `$ref` to a shared type count
 * as money or rate by the type they point at.
 */

type Node = Record<string, any>;

const MONEY_REFS = ['/$defs/money', '/$defs/signedMoney'];
const RATE_REFS = ['/$defs/percent', '/$defs/basisPoints'];
const isScalar = (node: Node) => ['number', 'integer', 'string'].includes(node.type) || typeof node.$ref === 'string';
const bilingual = (text: unknown) => !!text && typeof text === 'object' && /[\u4e00-\u9fff]/.test((text as Node)['zh-CN'] ?? '') && /[A-Za-z]/.test((text as Node).en ?? '');

/** What a field needs a unit for, from its `$ref` or its name; undefined when it needs none. */
function unitNeed(name: string, node: Node): string | undefined {
  const ref: string = node.$ref ?? node.items?.$ref ?? '';
  if (MONEY_REFS.some((suffix) => ref.endsWith(suffix))) return 'money';
  if (RATE_REFS.some((suffix) => ref.endsWith(suffix))) return 'rate';
  const scalar = isScalar(node) || (node.type === 'array' && node.items && isScalar(node.items) && !node.items.enum);
  if (!scalar || node.enum || node.items?.enum) return undefined;
  if (/(Rate|Percent|Bp)$/.test(name) || /^(rate|percent|bp)$/i.test(name)) return 'rate';
  if (/(Months|Days|Years)$/.test(name) || /^(months|days|years)$/.test(name)) return 'term';
  return undefined;
}

/** Every problem of a block config schema's fields, as "pointer: what is missing" (empty when all is well). */
export function fieldProblems(schema: object): string[] {
  const problems: string[] = [];
  const walk = (node: Node, pointer: string, name: string, isField = true) => {
    if (isField) {
      if (!bilingual(node['x-label'])) problems.push(`${pointer}: x-label needs zh-CN and en`);
      if (node['x-help'] && !bilingual(node['x-help'])) problems.push(`${pointer}: x-help needs zh-CN and en`);
      const need = unitNeed(name, node);
      if (need && !node['x-unit']) problems.push(`${pointer}: a ${need} field needs x-unit`);
      const values: unknown[] | undefined = node.enum ?? node.items?.enum;
      const labels = node['x-enum-labels'] ?? node.items?.['x-enum-labels'];
      for (const value of values ?? []) if (!bilingual(labels?.[String(value)])) problems.push(`${pointer}: enum value ${String(value)} needs x-enum-labels in zh-CN and en`);
    }
    for (const [child, value] of Object.entries<Node>(node.properties ?? {})) walk(value, `${pointer}/${child}`, child);
    if (node.items?.properties) walk(node.items, `${pointer}/items`, name, false);
    for (const key of ['allOf', 'oneOf', 'anyOf'])
      for (const branch of node[key] ?? [])
        if (branch.properties) for (const [child, value] of Object.entries<Node>(branch.properties)) if (!node.properties?.[child]) walk(value, `${pointer}/${child}`, child);
  };
  // The root and the items of an array of objects are not fields themselves; their properties are.
  walk(schema as Node, '', '', false);
  return problems;
}
