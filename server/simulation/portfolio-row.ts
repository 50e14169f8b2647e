import { parseDecisionRequest, type DecisionRequest } from '../channel/decision-request.ts';
import type { ProblemError as FieldError } from '../http/problem.ts';
import { cellValue, type Column } from './portfolio-columns.ts';
import type { PortfolioRecord } from './portfolio-records.ts';

/**
 * A portfolio record as a decision request, checked exactly as the channel decision endpoint
 * checks its body (the same function), or the field errors that make it a bad row. A CSV row is
 * first built into that body from its columns. `defaultAsOf` stands for the endpoint's "today",
 * fixed for the whole run so the report does not depend on the day it is computed.
 */
export function requestOfRecord(record: PortfolioRecord, columns: Column[] | undefined, defaultAsOf: string): { request?: DecisionRequest; errors: FieldError[] } {
  let body: unknown;
  if ('text' in record) {
    try {
      body = JSON.parse(record.text);
    } catch (error) {
      return { errors: [{ pointer: '', message: `is not a JSON object: ${(error as Error).message}`, messageZh: `不是 JSON 对象：${(error as Error).message}` }] };
    }
  } else {
    const built = bodyOfCells(record.cells, columns ?? []);
    if (built.errors.length) return { errors: built.errors };
    body = built.body;
  }
  const { request, errors } = parseDecisionRequest(body, defaultAsOf);
  return errors.length ? { errors } : { request, errors };
}

function bodyOfCells(cells: string[], columns: Column[]): { body: Record<string, unknown>; errors: FieldError[] } {
  const body: Record<string, unknown> = { application: {} };
  const errors: FieldError[] = [];
  if (cells.length !== columns.length) {
    errors.push({ pointer: '', message: `has ${cells.length} cells; the header has ${columns.length} columns`, messageZh: `有 ${cells.length} 个单元格，表头有 ${columns.length} 列` });
    return { body, errors };
  }
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    const { value, error, errorZh } = cellValue(cells[i], column.type);
    const pointer = column.target === 'request' ? `/${column.name}` : `/application/${column.path.join('/')}`;
    if (error) {
      errors.push({ pointer, message: `column ${column.name} ${error}`, messageZh: `${column.name} 列${errorZh ?? error}` });
      continue;
    }
    if (value === undefined) continue;
    if (column.target === 'request') {
      body[column.name] = value;
      continue;
    }
    let at = body.application as Record<string, unknown>;
    for (const name of column.path.slice(0, -1)) {
      const next = at[name];
      at = (next && typeof next === 'object' ? next : (at[name] = {})) as Record<string, unknown>;
    }
    at[column.path[column.path.length - 1]] = value;
  }
  return { body, errors };
}

/** Keeps a name's first character, a mobile number's first 3 and last 4 digits, an ID number's first 3 and last 4 characters. */
function mask(text: string, keepStart: number, keepEnd: number): string {
  const characters = [...text];
  if (characters.length <= keepStart + keepEnd) return '*'.repeat(characters.length);
  return characters.slice(0, keepStart).join('') + '*'.repeat(characters.length - keepStart - keepEnd) + characters.slice(characters.length - keepEnd).join('');
}

/**
 * The applicant's masked identifier for the report's list of changed applicants: the ID number,
 * else the mobile number, else the name, masked so the report holds no personal data; '' when the
 * application carries none (the row's line number identifies it then).
 */
export function maskedIdentifier(application: unknown): string {
  const applicant = (application as { applicant?: Record<string, unknown> } | undefined)?.applicant;
  if (!applicant || typeof applicant !== 'object') return '';
  const { idNumber, phone, name } = applicant;
  if (typeof idNumber === 'string' && idNumber) return mask(idNumber, 3, 4);
  if (typeof phone === 'string' && phone) return mask(phone, 3, 4);
  if (typeof name === 'string' && name) return mask(name, 1, 0);
  return '';
}
