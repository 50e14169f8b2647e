/**
 * Static types of the expression language, as bit sets so a field declared `type: ["number", "null"]`
 * or `anyOf` of several types is one value. NULL is implied for every field at run time (a field may
 * be missing), so it only matters for literals: the literal `null` alone has type NULL.
 */
export const NUMBER = 1;
export const STRING = 2;
export const BOOLEAN = 4;
export const NULL = 8;
export const ARRAY = 16;
export const OBJECT = 32;
/** A field whose schema says nothing about its type. */
export const UNKNOWN = NUMBER | STRING | BOOLEAN | NULL | ARRAY | OBJECT;

/** A static type; `item` is the element type when ARRAY is set. A mask of 0 marks an already-reported error. */
export interface ValueType {
  mask: number;
  item?: ValueType;
  enumValues?: readonly unknown[]; // allowed values when the schema lists them (for typo checks on literals)
}

export const ERROR_TYPE: ValueType = { mask: 0 };
export const t = (mask: number, item?: ValueType): ValueType => (item ? { mask, item } : { mask });

/** True when every non-null value of `type` is of `kinds`, and it can hold at least one of them. */
export const isOnly = (type: ValueType, kinds: number): boolean => (type.mask & kinds) !== 0 && (type.mask & ~(kinds | NULL)) === 0;

/** Public name of a static type, as returned by checkExpression. */
export type TypeName = 'number' | 'string' | 'boolean' | 'null' | 'array' | 'mixed';

export function typeName(type: ValueType): TypeName {
  const kinds = type.mask & ~NULL;
  if (kinds === 0) return 'null';
  if (kinds === NUMBER) return 'number';
  if (kinds === STRING) return 'string';
  if (kinds === BOOLEAN) return 'boolean';
  if (kinds === ARRAY) return 'array';
  return 'mixed';
}

const NAMES: [number, string, string][] = [
  [NUMBER, 'a number', '数字'],
  [STRING, 'text', '文本'],
  [BOOLEAN, 'true/false', '布尔值（是/否）'],
  [ARRAY, 'a list', '列表'],
  [OBJECT, 'a group of fields', '字段组'],
];

/** "a number or text" / "数字或文本" (or "a number and text" for a mix), for messages. */
export function describe(type: ValueType, joiner: 'or' | 'and' = 'or'): { en: string; zh: string } {
  const parts = NAMES.filter(([bit]) => type.mask & bit);
  if (parts.length === 0) return { en: 'null', zh: '空值 null' };
  return { en: parts.map((p) => p[1]).join(` ${joiner} `), zh: parts.map((p) => p[2]).join(joiner === 'or' ? '或' : '和') };
}
