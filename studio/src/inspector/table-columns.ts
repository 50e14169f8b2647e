import type { JsonSchema } from '../api/types.ts';

type Row = Record<string, unknown>;

/** A column of a decision table: its CSV header, and how a row's cell reads and writes as text. */
export interface TableColumn {
  header: string;
  get(row: Row): string;
  set(row: Row, text: string): Row;
}

/** A decision-table input (pricing-table style: `inputs: [{id, type}]`, rows with `when[id]`). */
interface TableInput {
  id: string;
  type?: 'number' | 'string' | 'boolean';
}

export function getPath(row: Row, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Row)[key] : undefined), row);
}

/** Sets a dotted path immutably; `undefined` removes the property (and empty parents). */
export function setPath(row: Row, path: string, value: unknown): Row {
  const [head, ...rest] = path.split('.');
  const next = { ...row };
  if (!rest.length) {
    if (value === undefined) delete next[head];
    else next[head] = value;
    return next;
  }
  const child = (row[head] && typeof row[head] === 'object' ? row[head] : {}) as Row;
  const updated = setPath(child, rest.join('.'), value);
  if (Object.keys(updated).length) next[head] = updated;
  else delete next[head];
  return next;
}

const numberOrText = (text: string): unknown => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
};

function typedCell(text: string, schema: JsonSchema | undefined): unknown {
  const type = Array.isArray(schema?.type) ? schema!.type.find((t: string) => t !== 'null') : schema?.type;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (type === 'number' || type === 'integer') return numberOrText(trimmed);
  if (type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  return trimmed;
}

const show = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function pathColumn(path: string, schema?: JsonSchema): TableColumn {
  return { header: path, get: (row) => show(getPath(row, path)), set: (row, text) => setPath(row, path, typedCell(text, schema)) };
}

/** Condition columns of one input, as pricing-table's CSV writes them (`id.min`/`id.max`, or `id` with `a|b`). */
function conditionColumns(input: TableInput): TableColumn[] {
  if (input.type === 'number' || input.type === undefined) {
    return ['min', 'max'].map((side) => pathColumn(`when.${input.id}.${side}`, { type: 'number' })).map((column, i) => ({ ...column, header: `${input.id}.${i ? 'max' : 'min'}` }));
  }
  return [
    {
      header: input.id,
      get(row) {
        const condition = getPath(row, `when.${input.id}`) as { equals?: unknown; in?: unknown[] } | undefined;
        if (!condition) return '';
        return condition.in ? condition.in.join('|') : show(condition.equals);
      },
      set(row, text) {
        const trimmed = text.trim();
        if (!trimmed) return setPath(row, `when.${input.id}`, undefined);
        if (input.type === 'boolean') return setPath(row, `when.${input.id}`, { equals: trimmed === 'true' });
        const values = trimmed
          .split('|')
          .map((v) => v.trim())
          .filter(Boolean);
        return setPath(row, `when.${input.id}`, values.length > 1 ? { in: values } : { equals: values[0] });
      },
    },
  ];
}

/** Generic columns: nested objects flattened into dotted paths. */
function flatColumns(schema: JsonSchema | undefined, prefix = ''): TableColumn[] {
  if (!schema?.properties) return prefix ? [pathColumn(prefix, schema)] : [];
  return Object.entries<JsonSchema>(schema.properties).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return child.type === 'object' && child.properties ? flatColumns(child, path) : [pathColumn(path, child)];
  });
}

/**
 * The columns of a decision table. When rows hold conditions by input id (`when`) and the block
 * declares `inputs`, the columns follow the documented CSV header: conditions per input, then
 * `adjustmentBp`, `label.zh-CN`, `label.en`, `id`; otherwise the row schema flattened.
 */
export function columnsFor(rowSchema: JsonSchema | undefined, config: Record<string, unknown>): TableColumn[] {
  const inputs = Array.isArray(config.inputs) ? (config.inputs as TableInput[]).filter((input) => input && typeof input.id === 'string') : undefined;
  if (!rowSchema?.properties?.when || !inputs) return flatColumns(rowSchema);
  const rest = Object.entries<JsonSchema>(rowSchema.properties).filter(([name]) => name !== 'when' && name !== 'id');
  return [
    ...inputs.flatMap(conditionColumns),
    ...rest.flatMap(([name, child]) => (child.type === 'object' && child.properties ? flatColumns(child, name) : [pathColumn(name, child)])),
    pathColumn('id', rowSchema.properties.id),
  ];
}
