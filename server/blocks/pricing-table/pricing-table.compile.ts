import type { BlockCompileContext, BlockCompiled, ExpressionValue, FieldRead } from '../../engine/block-type.ts';
import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import { makeReader } from '../../engine/expression/index.ts';
import { Decimal } from '../../engine/money.ts';
import { text } from '../../engine/text.ts';
import { buildRowIndex } from './pricing-table.index.ts';
import type { BandCondition, BandIndex, InputValue, PreparedPricingTable, PreparedRow, PricingTableConfig, TableCondition, TableInput } from './pricing-table.types.ts';

/** Column names the CSV format uses besides the inputs (pricing-table.csv.ts). */
export const RESERVED_INPUT_IDS = ['id', 'adjustmentBp', 'label'];

const isBand = (condition: TableCondition): condition is BandCondition => !('in' in condition) && !('equals' in condition);

/** Keeps only values of the input's declared type; anything else reads as missing. */
function toInputValue(type: TableInput['type'], value: ExpressionValue): InputValue {
  if (type === 'number') {
    if (!Decimal.isDecimal(value)) return null;
    const decimal = value as Decimal;
    const number = decimal.toNumber();
    // Exact when the number's shortest form is the same decimal: then number order equals decimal order.
    return new Decimal(number).eq(decimal) ? number : decimal;
  }
  if (type === 'string') return typeof value === 'string' ? value : null;
  return typeof value === 'boolean' ? value : null;
}

type Test = (value: InputValue) => boolean;

/** A condition as a closure over constants prepared once; a missing value never satisfies a condition. */
function conditionTest(condition: TableCondition): Test {
  if ('in' in condition) {
    const allowed = new Set<unknown>(condition.in);
    return (value) => value !== null && allowed.has(value);
  }
  if ('equals' in condition) {
    const wanted = condition.equals;
    return (value) => value === wanted;
  }
  const min = condition.min ?? -Infinity;
  const max = condition.max ?? Infinity;
  const exactMin = condition.min === undefined ? undefined : new Decimal(condition.min);
  const exactMax = condition.max === undefined ? undefined : new Decimal(condition.max);
  return (value) => {
    if (typeof value === 'number') return value >= min && value < max;
    if (value === null) return false;
    const decimal = value as Decimal;
    return (exactMin === undefined || decimal.gte(exactMin)) && (exactMax === undefined || decimal.lt(exactMax));
  };
}

/** A row's tests as one closure; rows of up to three conditions avoid a loop (rows run thousands of times). */
function matcher(tests: [number, Test][]): (values: readonly InputValue[]) => boolean {
  if (tests.length === 0) return () => true;
  const [[c0, t0], [c1, t1] = [0, () => true], [c2, t2] = [0, () => true]] = tests;
  if (tests.length === 1) return (values) => t0(values[c0]);
  if (tests.length === 2) return (values) => t0(values[c0]) && t1(values[c1]);
  if (tests.length === 3) return (values) => t0(values[c0]) && t1(values[c1]) && t2(values[c2]);
  const columns = tests.map(([column]) => column);
  const checks = tests.map(([, test]) => test);
  return (values) => {
    for (let i = 0; i < checks.length; i++) if (!checks[i](values[columns[i]])) return false;
    return true;
  };
}

/** Sorts single-input bands and reports overlaps (error for collect, warning for first) and gaps (warning). */
function indexBands(config: PricingTableConfig, inputIndex: number, rows: PreparedRow[], diagnostics: BlockDiagnostic[]): BandIndex | undefined {
  const key = config.inputs[inputIndex].id;
  const band = (row: PreparedRow) => config.rows[row.index].when[key] as BandCondition;
  const sorted = [...rows].sort((a, b) => (band(a).min ?? -Infinity) - (band(b).min ?? -Infinity) || a.index - b.index);
  let overlapping = false;
  for (let i = 1; i < sorted.length; i++) {
    const previous = band(sorted[i - 1]);
    const current = band(sorted[i]);
    const pointer = `/rows/${sorted[i].index}/when/${key}`;
    const previousMax = previous.max ?? Infinity;
    const currentMin = current.min ?? -Infinity;
    const show = (value: number) => (Number.isFinite(value) ? String(value) : '∞');
    if (currentMin < previousMax) {
      overlapping = true;
      const severity = config.hitPolicy === 'collect' ? 'error' : 'warning';
      diagnostics.push({
        code: 'TABLE_BANDS_OVERLAP',
        severity,
        pointer,
        message: text(
          `第 ${sorted[i].index + 1} 行区间 [${show(currentMin)}, ${show(current.max ?? Infinity)}) 与第 ${sorted[i - 1].index + 1} 行 [${show(previous.min ?? -Infinity)}, ${show(previousMax)}) 重叠${severity === 'warning' ? '，按表中顺序取先命中的行' : ''}`,
          `Row ${sorted[i].index + 1} band [${show(currentMin)}, ${show(current.max ?? Infinity)}) overlaps row ${sorted[i - 1].index + 1} [${show(previous.min ?? -Infinity)}, ${show(previousMax)})${severity === 'warning' ? '; the earlier row in the table wins' : ''}`,
        ),
      });
    } else if (currentMin > previousMax) {
      diagnostics.push({
        code: 'TABLE_BANDS_GAP',
        severity: 'warning',
        pointer,
        message: text(
          `区间 [${previousMax}, ${currentMin}) 没有任何行覆盖，落入其中的申请使用默认加减点`,
          `No row covers [${previousMax}, ${currentMin}); applications there get the default adjustment`,
        ),
      });
    }
  }
  if (overlapping) return undefined; // overlapping bands are evaluated row by row, in table order
  return {
    input: inputIndex,
    mins: sorted.map((row) => band(row).min ?? -Infinity),
    maxs: sorted.map((row) => band(row).max ?? Infinity),
    rows: sorted,
  };
}

/** Checks the table and prepares closures, Decimal constants and (for a single numeric input) a sorted band index. */
export function compilePricingTable(config: PricingTableConfig, ctx: BlockCompileContext): BlockCompiled<PreparedPricingTable> {
  const diagnostics: BlockDiagnostic[] = [];
  const error = (code: BlockDiagnostic['code'], pointer: string, zh: string, en: string) => diagnostics.push({ code, severity: 'error', pointer, message: text(zh, en) });
  const reads = new Map<string, FieldRead>();
  const inputIndex = new Map<string, number>();
  const inputs: PreparedPricingTable['inputs'] = config.inputs.map((input, index) => {
    if (inputIndex.has(input.id)) error('DUPLICATE_BRANCH', `/inputs/${index}/id`, `输入 ${input.id} 重复`, `Input ${input.id} appears twice`);
    if (RESERVED_INPUT_IDS.includes(input.id)) error('CONFIG_INVALID', `/inputs/${index}/id`, `输入名 ${input.id} 为保留字`, `Input id ${input.id} is reserved`);
    inputIndex.set(input.id, index);
    const { compiled, diagnostics: found } = ctx.expression(input.expression, `/inputs/${index}/expression`, input.type);
    diagnostics.push(...found);
    // A missing value matches no condition on that input, so the decision is still possible (default adjustment).
    for (const path of compiled?.reads ?? []) reads.set(path, { path, required: false });
    if (!compiled) return { id: input.id, type: input.type, evaluate: () => null };
    const general = (application: unknown) => toInputValue(input.type, compiled.evaluate(application));
    if (input.type !== 'number' || compiled.ast.kind !== 'field') return { id: input.id, type: input.type, evaluate: general };
    // A numeric field read straight from the data: a finite JS number is already the value
    // toInputValue would give (its Decimal is its shortest text, which converts back to it exactly).
    const read = makeReader(compiled.ast.path);
    return {
      id: input.id,
      type: input.type,
      evaluate: (application: unknown) => {
        let raw: unknown;
        try {
          raw = read(application);
        } catch {
          return null; // hostile data (a throwing getter): missing, as compiled.evaluate reads it
        }
        return typeof raw === 'number' && Number.isFinite(raw) ? raw : general(application);
      },
    };
  });

  const rowIds = new Set<string>();
  const rowTests: [number, Test][][] = [];
  const rows: PreparedRow[] = config.rows.map((row, index) => {
    if (row.id !== undefined) {
      if (rowIds.has(row.id)) error('DUPLICATE_BRANCH', `/rows/${index}/id`, `行编号 ${row.id} 重复`, `Row id ${row.id} appears twice`);
      rowIds.add(row.id);
    }
    const tests: [number, Test][] = [];
    for (const [key, condition] of Object.entries(row.when)) {
      const at = `/rows/${index}/when/${key}`;
      const column = inputIndex.get(key);
      if (column === undefined) {
        error('CONFIG_INVALID', at, `第 ${index + 1} 行引用了不存在的输入 ${key}`, `Row ${index + 1} refers to an unknown input ${key}`);
        continue;
      }
      const type = config.inputs[column].type;
      const fits =
        type === 'number'
          ? isBand(condition)
          : type === 'string'
            ? !isBand(condition) && (!('equals' in condition) || typeof condition.equals === 'string')
            : 'equals' in condition && typeof condition.equals === 'boolean';
      if (!fits)
        error(
          'CONFIG_INVALID',
          at,
          `输入 ${key} 是${type === 'number' ? '数值，只能用区间' : type === 'string' ? '文本，只能用等于或属于' : '是/否，只能用等于 true/false'}`,
          `Input ${key} is a ${type}: ${type === 'number' ? 'use a min/max band' : type === 'string' ? 'use equals or one-of' : 'use equals true/false'}`,
        );
      if (isBand(condition) && condition.min !== undefined && condition.max !== undefined && condition.min >= condition.max) {
        error(
          'MIN_ABOVE_MAX',
          `${at}/min`,
          `第 ${index + 1} 行下限 ${condition.min} 不小于上限 ${condition.max}（上限不含）`,
          `Row ${index + 1}: minimum ${condition.min} is not below the (exclusive) maximum ${condition.max}`,
        );
      }
      tests.push([column, conditionTest(condition)]);
    }
    // Text and yes/no tests are cheaper than band tests and usually more selective: run them first.
    tests.sort(([a], [b]) => Number(config.inputs[a].type === 'number') - Number(config.inputs[b].type === 'number'));
    rowTests.push(tests);
    const matches = matcher(tests);
    const label = row.label ?? text(`${config.label['zh-CN']}（第 ${index + 1} 行）`, `${config.label.en} (row ${index + 1})`);
    return { index, rowId: row.id ?? `#${index + 1}`, matches, adjustment: { bp: row.adjustmentBp, code: config.code, label } };
  });

  const bandKey = singleBandInput(config);
  const bands = bandKey === undefined ? undefined : indexBands(config, inputIndex.get(bandKey)!, rows, diagnostics);
  const narrowed = bands === undefined && inputIndex.size === config.inputs.length ? buildRowIndex(config, rows) : undefined;
  const rowIndex = narrowed && {
    root: narrowed.root,
    unindexed: rowTests.map((tests) => matcher(tests.filter(([column]) => !narrowed.columns.includes(column)))),
  };
  const bps = config.rows.map((row) => row.adjustmentBp);
  const exclusive = config.hitPolicy === 'first' || bands !== undefined; // at most one row applies
  const low = exclusive
    ? Math.min(...bps)
    : bps
        .filter((bp) => bp < 0)
        .reduce((sum, bp) => sum.plus(bp), new Decimal(0))
        .toNumber();
  const high = exclusive
    ? Math.max(...bps)
    : bps
        .filter((bp) => bp > 0)
        .reduce((sum, bp) => sum.plus(bp), new Decimal(0))
        .toNumber();
  const defaultAdjustment = config.defaultBp === 0 ? undefined : { bp: config.defaultBp, code: config.code, label: text(`${config.label['zh-CN']}（默认）`, `${config.label.en} (default)`) };
  return {
    diagnostics,
    reads: [...reads.values()],
    facts: { adjustmentBpRange: { min: Math.min(low, config.defaultBp), max: Math.max(high, config.defaultBp) } },
    prepared: { inputs, rows, bands, rowIndex, hitPolicy: config.hitPolicy, defaultAdjustment },
  };
}

/** The input id when every row is exactly one band on the same numeric input (the fast, checkable case). */
function singleBandInput(config: PricingTableConfig): string | undefined {
  const first = Object.keys(config.rows[0].when);
  if (first.length !== 1) return undefined;
  const key = first[0];
  const input = config.inputs.find((candidate) => candidate.id === key);
  if (input?.type !== 'number') return undefined;
  const every = config.rows.every((row) => {
    const keys = Object.keys(row.when);
    return keys.length === 1 && keys[0] === key && isBand(row.when[key]);
  });
  return every ? key : undefined;
}
