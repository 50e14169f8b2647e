import type { JsonSchema } from '../api/types.ts';

type Row = Record<string, unknown>;

/** A column of a decision table: its CSV header, and how a row's cell reads and writes as text. */
export interface TableColumn {
  header: string;
  path?: string; // the row field it edits, dotted ("name.zh-CN"), when the header is not simply that (a condition column's is not)
  alias?: string; // another header a CSV may give this column (a name written before it had two languages)
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
  return { header: path, path, get: (row) => show(getPath(row, path)), set: (row, text) => setPath(row, path, typedCell(text, schema)) };
}

/** Condition columns of one input, as pricing-table's CSV writes them (`id.min`/`id.max`, or `id` with `a|b`). */
function conditionColumns(input: TableInput): TableColumn[] {
  if (input.type === 'number' || input.type === undefined) {
    return ['min', 'max'].map((side) => pathColumn(`when.${input.id}.${side}`, { type: 'number' })).map((column, i) => ({ ...column, path: undefined, header: `${input.id}.${i ? 'max' : 'min'}` }));
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

const LANGUAGES = ['zh-CN', 'en'] as const;

/** A field that is either one text for both languages or `{ "zh-CN", "en" }` (a rule-set rule's `name`). */
const isTextInOneOrBoth = (schema: JsonSchema): boolean =>
  Array.isArray(schema.anyOf) &&
  schema.anyOf.some((branch: JsonSchema) => branch.type === 'string') &&
  schema.anyOf.some((branch: JsonSchema) => branch.type === 'object' && LANGUAGES.every((language) => branch.properties?.[language]));

/**
 * Its two columns, `name.zh-CN` and `name.en`, so an author fills both. A plain string reads as the
 * Chinese name with no English one yet; a Chinese name alone is kept as a plain string (as products
 * stored before wrote it), one with English as `{ "zh-CN", "en" }`. A CSV's bare `name` column is the Chinese one.
 */
function textInOneOrBothColumns(path: string): TableColumn[] {
  const read = (row: Row): Record<(typeof LANGUAGES)[number], string> => {
    const value = getPath(row, path);
    if (typeof value === 'string') return { 'zh-CN': value, en: '' };
    const both = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    return { 'zh-CN': typeof both['zh-CN'] === 'string' ? both['zh-CN'] : '', en: typeof both.en === 'string' ? both.en : '' };
  };
  return LANGUAGES.map((language) => ({
    header: `${path}.${language}`,
    path: `${path}.${language}`,
    ...(language === 'zh-CN' ? { alias: path } : {}),
    get: (row) => read(row)[language],
    set(row, text) {
      const next = { ...read(row), [language]: text.trim() };
      const value = next.en ? next : next['zh-CN'] || undefined; // English alone stays English: { "zh-CN": "", en } (a Chinese reader sees it until a Chinese name is given)
      return setPath(row, path, value);
    },
  }));
}

/** Generic columns: nested objects flattened into dotted paths. */
function flatColumns(schema: JsonSchema | undefined, prefix = ''): TableColumn[] {
  if (!schema?.properties) return prefix ? [pathColumn(prefix, schema)] : [];
  return Object.entries<JsonSchema>(schema.properties).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    if (isTextInOneOrBoth(child)) return textInOneOrBothColumns(path);
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
