import type { InputValue, PreparedRow, PricingTableConfig, RowLevel, TableCondition } from './pricing-table.types.ts';

/** Text and yes/no values a condition accepts; undefined for a band (or anything not indexable). */
function acceptedValues(condition: TableCondition): (string | boolean)[] | undefined {
  if ('in' in condition) return condition.in.every((value) => typeof value === 'string') ? condition.in : undefined;
  if ('equals' in condition) return typeof condition.equals === 'string' || typeof condition.equals === 'boolean' ? [condition.equals] : undefined;
  return undefined;
}

// Row entries over all lists of all levels, at most this many times the table's rows (a row without
// a condition on an indexed input is listed under every value of it).
const MAX_GROWTH = 8;

/**
 * Narrows a table to the rows an application's text and yes/no values can match, so a strategy
 * table of hundreds of rows is not scanned row by row. One level per indexed input: the rows that
 * accept the value (its `equals` or one of its `in` values), plus the rows with no condition on
 * that input; a value no row names, or a missing one, leaves only the latter. Every list keeps table
 * order, so the first match in it is the first match in the table. Every row in a list holds on
 * the indexed inputs, so a candidate is checked only on the others (`columns` lists the indexed
 * ones). Undefined when no input can be indexed.
 */
export function buildRowIndex(config: PricingTableConfig, rows: PreparedRow[]): { root: RowLevel; columns: number[] } | undefined {
  const columns: number[] = [];
  config.inputs.forEach((input, column) => {
    if (input.type === 'number') return;
    const indexable = config.rows.every((row) => !Object.hasOwn(row.when, input.id) || acceptedValues(row.when[input.id]) !== undefined);
    if (indexable) columns.push(column);
  });
  let index: RowLevel | undefined;
  let used: number[] = [];
  for (const column of columns) {
    const candidate = [...used, column];
    const built = level(config, rows, candidate, { left: rows.length * MAX_GROWTH }) as RowLevel | undefined;
    if (!built) continue; // this input would list too many rows: try the next one
    index = built;
    used = candidate;
  }
  return index && { root: index, columns: used };
}

/**
 * One level of the index over `rows` (in table order), or undefined when the size budget runs out.
 * Every row placed in a list is charged to the budget, so building stays linear in what it keeps.
 */
function level(config: PricingTableConfig, rows: PreparedRow[], columns: number[], budget: { left: number }): RowLevel | PreparedRow[] | undefined {
  if (!columns.length) return rows;
  const [column, ...rest] = columns;
  const id = config.inputs[column].id;
  const accepted = rows.map((row) => {
    const when = config.rows[row.index].when;
    return Object.hasOwn(when, id) ? acceptedValues(when[id])! : undefined; // undefined: any value
  });
  const lists = new Map<string | boolean, PreparedRow[]>();
  for (const values of accepted) for (const value of values ?? []) if (!lists.has(value)) lists.set(value, []);
  const other: PreparedRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const values = accepted[i];
    if (values === undefined) {
      other.push(rows[i]);
      for (const list of lists.values()) list.push(rows[i]);
      budget.left -= lists.size + 1;
    } else {
      for (const value of new Set(values)) lists.get(value)!.push(rows[i]);
      budget.left -= values.length;
    }
    if (budget.left < 0) return undefined;
  }
  const byValue = new Map<string | boolean, RowLevel | PreparedRow[]>();
  for (const [value, list] of lists) {
    const next = level(config, list, rest, budget);
    if (!next) return undefined;
    byValue.set(value, next);
  }
  const otherNext = level(config, other, rest, budget);
  return otherNext && { column, byValue, other: otherNext };
}

/** The rows, in table order, that can match these input values (a superset of the matching rows). */
export function candidateRows(root: RowLevel, values: readonly InputValue[]): PreparedRow[] {
  let at: RowLevel | PreparedRow[] = root;
  while (!Array.isArray(at)) {
    const value: InputValue = values[at.column];
    at = (typeof value === 'string' || typeof value === 'boolean' ? at.byValue.get(value) : undefined) ?? at.other;
  }
  return at;
}
