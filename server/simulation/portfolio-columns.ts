import { productApplicationSchema } from '../engine/compiler/application-schema.ts';
import type { ProductDefinition } from '../engine/product-definition.ts';

/** What a CSV cell holds, from the application dictionary (or the request field it names). */
export type CellType = 'integer' | 'number' | 'boolean' | 'string' | 'array' | 'object';

/** One CSV column: a request field (`requestedAmount`, `termMonths`, `repaymentMethod`, `asOf`) or an application path. */
export interface Column {
  name: string; // the header cell as written
  target: 'request' | 'application';
  path: string[]; // request: [field]; application: the dictionary path split on '.'
  type: CellType;
}

/** The request fields a CSV may carry beside the application's paths, with their cell types. */
export const REQUEST_COLUMNS: Record<string, CellType> = { requestedAmount: 'string', termMonths: 'integer', repaymentMethod: 'string', asOf: 'string' };

type Schema = { type?: unknown; properties?: Record<string, Schema>; items?: Schema };

/** The dictionaries the versions decide with: the standard one with each version's own `custom` fields. */
export function dictionariesOf(standard: object, definitions: ProductDefinition[]): object[] {
  return definitions.map((definition) => {
    const start = definition.blocks.find((block) => block.id === definition.start);
    return productApplicationSchema(standard, (start?.config.extraFields ?? {}) as Record<string, object>);
  });
}

function typeAt(schema: Schema, path: string[]): CellType | undefined {
  let at: Schema | undefined = schema;
  for (const name of path) {
    at = at?.properties && Object.hasOwn(at.properties, name) ? at.properties[name] : undefined;
    if (!at) return undefined;
  }
  const type = Array.isArray(at.type) ? at.type.find((t) => t !== 'null') : at.type;
  return ['integer', 'number', 'boolean', 'string', 'array', 'object'].includes(type as string) ? (type as CellType) : 'string';
}

/**
 * The column plan of a CSV header. A header cell is a request field or a dictionary path such as
 * `applicant.age`; anything else is an error naming the column (the whole file is refused: no row
 * could be read right). Typed by the first dictionary that knows the path.
 */
export function planColumns(header: string[], dictionaries: object[]): { columns: Column[]; errors: string[] } {
  const columns: Column[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    const where = `column ${index + 1} "${name}"`;
    if (name === '') return errors.push(`${where}: has no name; name it with a dictionary path such as applicant.age`);
    if (seen.has(name)) return errors.push(`${where}: appears twice`);
    seen.add(name);
    if (Object.hasOwn(REQUEST_COLUMNS, name)) return columns.push({ name, target: 'request', path: [name], type: REQUEST_COLUMNS[name] });
    const path = name.split('.');
    const type = dictionaries.map((dictionary) => typeAt(dictionary as Schema, path)).find(Boolean);
    if (!type) return errors.push(`${where}: is neither a request field (${Object.keys(REQUEST_COLUMNS).join(', ')}) nor a path of the application dictionary`);
    columns.push({ name, target: 'application', path, type });
  });
  return { columns, errors };
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

/**
 * A cell's value by its column's type, or the reason it is not one. Empty cells are left out,
 * except in a list column, where an empty cell is the empty list (an applicant on no list).
 * Lists are written `a|b|c` or as a JSON array.
 */
export function cellValue(cell: string, type: CellType): { value?: unknown; error?: string; errorZh?: string } {
  const text = cell.trim();
  if (text === '') return type === 'array' ? { value: [] } : {};
  switch (type) {
    case 'integer':
    case 'number':
      if (!NUMBER.test(text))
        return { error: `must be a ${type === 'integer' ? 'whole number' : 'number'}, got "${text.slice(0, 40)}"`, errorZh: `应为${type === 'integer' ? '整数' : '数字'}，收到“${text.slice(0, 40)}”` };
      return { value: Number(text) };
    case 'boolean':
      if (TRUE.has(text.toLowerCase())) return { value: true };
      if (FALSE.has(text.toLowerCase())) return { value: false };
      return { error: `must be true or false, got "${text.slice(0, 40)}"`, errorZh: `应为 true 或 false，收到“${text.slice(0, 40)}”` };
    case 'array':
      if (text.startsWith('[')) return parseJson(text);
      return {
        value: text
          .split('|')
          .map((part) => part.trim())
          .filter(Boolean),
      };
    case 'object':
      return parseJson(text);
    default:
      return { value: cell };
  }
}

function parseJson(text: string): { value?: unknown; error?: string; errorZh?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: 'is not valid JSON', errorZh: '不是有效的 JSON' };
  }
}
