import type { JsonSchema } from '../api/types.ts';

/** A column of a decision table: a dotted path into a row object ("score.min", "adjustmentBp"). */
export interface TableColumn {
  path: string;
  schema: JsonSchema;
}

/** The columns of a row schema: nested objects are flattened into dotted paths (CSV header order). */
export function columnsOf(rowSchema: JsonSchema | undefined, prefix = ''): TableColumn[] {
  if (!rowSchema?.properties) return prefix ? [{ path: prefix, schema: rowSchema ?? {} }] : [];
  const columns: TableColumn[] = [];
  for (const [name, child] of Object.entries<JsonSchema>(rowSchema.properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (child.type === 'object' && child.properties) columns.push(...columnsOf(child, path));
    else columns.push({ path, schema: child });
  }
  return columns;
}

export function getPath(row: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), row);
}

/** Sets a dotted path immutably; an empty cell removes the property. */
export function setPath(row: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!rest.length) {
    const next = { ...row };
    if (value === undefined) delete next[head];
    else next[head] = value;
    return next;
  }
  const child = (row[head] && typeof row[head] === 'object' ? row[head] : {}) as Record<string, unknown>;
  const updated = setPath(child, rest.join('.'), value);
  const next = { ...row };
  if (Object.keys(updated).length) next[head] = updated;
  else delete next[head];
  return next;
}

/** A cell's text → the column's type (numbers for number/integer columns, booleans, strings). */
export function parseCell(text: string, schema: JsonSchema): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (type === 'number' || type === 'integer') {
    const number = Number(trimmed);
    return Number.isFinite(number) ? number : trimmed;
  }
  if (type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  return trimmed;
}

export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
