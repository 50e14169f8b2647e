import { Decimal } from '../../engine/money.ts';
import { text, type LocalizedText } from '../../engine/text.ts';
import { parseCsv, toCsv } from '../../../shared/csv.ts';
import type { PricingTableConfig, TableCondition, TableInput, TableRow } from './pricing-table.types.ts';

/** A problem in an imported CSV, for the studio to mark the cell. */
export interface CsvError {
  line: number; // 1-based line where the record starts (the header is line 1)
  column: number; // 1-based field number; 0 when the whole record is concerned
  message: LocalizedText;
}

const SYNTAX_MESSAGES = {
  'unclosed-quote': text('引号没有闭合', 'A quoted field is not closed'),
  'text-after-quote': text('引号后面只能是逗号或换行', 'A closing quote must be followed by a comma or a line end'),
};

/**
 * CSV import and export of a pricing table's rows (RFC 4180, read and written by shared/csv.ts), so a product manager can edit
 * 1,500 rows in a spreadsheet. Columns, in this order on export (any order on import):
 *   per number input `<id>.min`, `<id>.max` (empty = open side); per text or yes/no input `<id>`
 *   (empty = any; one value = equals; several separated by `|` = one of; yes/no: true/false);
 *   then `adjustmentBp`, `label.zh-CN`, `label.en`, `id`. Import also accepts one `label` column
 *   (the same text in both languages); only `adjustmentBp` is required.
 */

const LIST_SEPARATOR = '|';
const NUMBER = /^-?\d+(\.\d+)?$/;

const plainNumber = (value: number | undefined) => (value === undefined ? '' : new Decimal(value).toFixed());

function headerOf(inputs: readonly TableInput[]): string[] {
  return [...inputs.flatMap((input) => (input.type === 'number' ? [`${input.id}.min`, `${input.id}.max`] : [input.id])), 'adjustmentBp', 'label.zh-CN', 'label.en', 'id'];
}

function cellsOf(input: TableInput, condition: TableCondition | undefined, rowNumber: number): string[] {
  if (input.type === 'number') {
    if (condition && ('in' in condition || 'equals' in condition)) throw new Error(`row ${rowNumber}: input ${input.id} is a number and needs a min/max band`);
    return [plainNumber(condition?.min), plainNumber(condition?.max)];
  }
  if (!condition) return [''];
  if ('in' in condition) return [condition.in.join(LIST_SEPARATOR)];
  if ('equals' in condition) return [String(condition.equals)];
  throw new Error(`row ${rowNumber}: input ${input.id} is ${input.type} and cannot take a band`);
}

/**
 * The rows of a table as CSV text with CRLF line ends. `bom` (default true) prefixes a UTF-8 byte
 * order mark so spreadsheet programs show Chinese labels correctly. Expects a config that compiles.
 */
export function tableToCsv(config: Pick<PricingTableConfig, 'inputs' | 'rows'>, { bom = true }: { bom?: boolean } = {}): string {
  const lines = [headerOf(config.inputs)];
  config.rows.forEach((row, index) => {
    const cells = config.inputs.flatMap((input) => cellsOf(input, row.when[input.id], index + 1));
    lines.push([...cells, plainNumber(row.adjustmentBp), row.label?.['zh-CN'] ?? '', row.label?.en ?? '', row.id ?? '']);
  });
  return toCsv(lines, { bom });
}

/** What a header column holds. */
type Column = { kind: 'band'; input: string; side: 'min' | 'max' } | { kind: 'value'; input: TableInput } | { kind: 'adjustmentBp' | 'label' | 'label.zh-CN' | 'label.en' | 'id' };

const ROW_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MAX_ROWS = 5000; // the config schema's limit

function columnOf(name: string, inputs: readonly TableInput[]): Column | string {
  if (name === 'adjustmentBp' || name === 'label' || name === 'label.zh-CN' || name === 'label.en' || name === 'id') return { kind: name };
  const [id, side] = name.split('.', 2) as [string, string | undefined];
  const input = inputs.find((candidate) => candidate.id === id);
  if (!input) return `未知的列 ${name}`;
  if (input.type === 'number') return side === 'min' || side === 'max' ? { kind: 'band', input: id, side } : `数值输入 ${id} 请用 ${id}.min 和 ${id}.max 两列`;
  return side === undefined ? { kind: 'value', input } : `输入 ${id} 不是数值，列名应为 ${id}`;
}

/**
 * Reads rows from CSV text (the format of tableToCsv) for a table with these inputs. Returns `rows`
 * only when there is no error; every error names the line and the field. Semantic checks (bands
 * overlapping, min not below max) are the block's compile step, as for rows typed in the form.
 */
export function csvToTable(csv: string, inputs: readonly TableInput[]): { rows?: TableRow[]; errors: CsvError[] } {
  const parsed = parseCsv(csv);
  if (parsed.error) return { errors: [{ line: parsed.error.line, column: parsed.error.column, message: SYNTAX_MESSAGES[parsed.error.code] }] };
  const [header, ...records] = parsed.records;
  if (!header) return { errors: [{ line: 1, column: 0, message: text('文件为空', 'The file is empty') }] };
  const errors: CsvError[] = [];
  const fail = (line: number, column: number, zh: string, en: string) => errors.push({ line, column, message: text(zh, en) });
  const columns: (Column | undefined)[] = header.fields.map((raw, index) => {
    const name = raw.trim();
    if (header.fields.findIndex((other) => other.trim() === name) !== index) fail(1, index + 1, `列 ${name} 重复`, `Column ${name} appears twice`);
    const column = columnOf(name, inputs);
    if (typeof column === 'string') {
      fail(1, index + 1, column, `Column "${name}" is not one of: ${headerOf(inputs).join(', ')}, label`);
      return undefined;
    }
    return column;
  });
  if (!columns.some((column) => column?.kind === 'adjustmentBp')) fail(1, 0, '缺少 adjustmentBp 列', 'The adjustmentBp column is missing');
  if (records.length > MAX_ROWS) fail(records[MAX_ROWS].line, 0, `最多 ${MAX_ROWS} 行`, `At most ${MAX_ROWS} rows`);
  if (errors.length) return { errors };

  const rows = records.map((record) => {
    const row: TableRow = { when: {}, adjustmentBp: 0 };
    const bands: Record<string, { min?: number; max?: number }> = {};
    const label = { zh: '', en: '' };
    if (record.fields.length !== columns.length) {
      fail(record.line, 0, `本行有 ${record.fields.length} 个字段，表头有 ${columns.length} 列`, `The record has ${record.fields.length} fields, the header has ${columns.length}`);
      return row;
    }
    record.fields.forEach((raw, index) => {
      const column = columns[index]!;
      const value = column.kind === 'label' || column.kind === 'label.zh-CN' || column.kind === 'label.en' ? raw : raw.trim();
      const at = index + 1;
      switch (column.kind) {
        case 'band':
          if (value === '') return;
          if (!NUMBER.test(value)) return void fail(record.line, at, `${value} 不是数字`, `${value} is not a number`);
          (bands[column.input] ??= {})[column.side] = Number(value);
          return;
        case 'value':
          if (value === '') return;
          if (column.input.type === 'boolean') {
            if (!/^(true|false)$/i.test(value)) return void fail(record.line, at, `${value} 应为 true 或 false`, `${value} must be true or false`);
            row.when[column.input.id] = { equals: value.toLowerCase() === 'true' };
            return;
          }
          {
            const values = [
              ...new Set(
                value
                  .split(LIST_SEPARATOR)
                  .map((part) => part.trim())
                  .filter(Boolean),
              ),
            ];
            row.when[column.input.id] = values.length === 1 ? { equals: values[0] } : { in: values };
          }
          return;
        case 'adjustmentBp':
          if (!NUMBER.test(value) || Math.abs(Number(value)) > 10000)
            return void fail(record.line, at, `加减点 ${value || '（空）'} 应为 −10000 到 10000 之间的数字`, `Adjustment ${value || '(empty)'} must be a number from −10000 to 10000`);
          row.adjustmentBp = Number(value);
          return;
        case 'label':
          label.zh ||= value;
          label.en ||= value;
          return;
        case 'label.zh-CN':
          label.zh = value;
          return;
        case 'label.en':
          label.en = value;
          return;
        case 'id':
          if (value === '') return;
          if (!ROW_ID.test(value)) return void fail(record.line, at, `行编号 ${value} 只能含字母、数字、-、_`, `Row id ${value} may only contain letters, digits, - and _`);
          row.id = value;
      }
    });
    for (const [input, band] of Object.entries(bands)) row.when[input] = band;
    // One missing language falls back to the other, so a one-language sheet still gives bilingual labels.
    if (label.zh || label.en) row.label = text(label.zh || label.en, label.en || label.zh);
    return orderKeys(row);
  });
  return errors.length ? { errors } : { rows, errors };
}

/** Rows with the same key order as rows typed in the form (id, when, adjustmentBp, label). */
function orderKeys(row: TableRow): TableRow {
  return { ...(row.id !== undefined && { id: row.id }), when: row.when, adjustmentBp: row.adjustmentBp, ...(row.label && { label: row.label }) };
}
