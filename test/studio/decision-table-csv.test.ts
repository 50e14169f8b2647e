import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../shared/csv.ts';
import { columnsFor } from '../../studio/src/inspector/table-columns.ts';

const rowSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    when: { type: 'object', additionalProperties: {} },
    adjustmentBp: { type: 'number' },
    label: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
  },
};
const config = {
  inputs: [
    { id: 'score', type: 'number' },
    { id: 'region', type: 'string' },
  ],
};

describe('decision-table CSV', () => {
  it('parses quoted fields with commas, doubled quotes, line breaks, CRLF and a BOM', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n\n';
    expect(parseCsv(text).records.map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
  });

  it('round-trips what it serializes', () => {
    const rows = [
      ['score.min', 'label.zh-CN'],
      ['600', '评分 600–699, 重点区县'],
      ['', 'a "quoted" word'],
    ];
    expect(parseCsv(toCsv(rows)).records.map((record) => record.fields)).toEqual(rows);
  });

  it('refuses an unclosed quote', () => {
    expect(parseCsv('a,"b\n').error).toEqual({ code: 'unclosed-quote', line: 1, column: 2 });
  });

  it('uses the documented header: bands per number input, one column per text input, then adjustment, labels, id', () => {
    expect(columnsFor(rowSchema, config).map((c) => c.header)).toEqual(['score.min', 'score.max', 'region', 'adjustmentBp', 'label.zh-CN', 'label.en', 'id']);
  });

  it('reads a CSV record into a row with band and one-of conditions', () => {
    const columns = columnsFor(rowSchema, config);
    const cells = ['600', '700', '罗平县|师宗县', '30', '评分 600–699', 'Score 600–699', 'fair-home'];
    const row = columns.reduce((r, column, i) => column.set(r, cells[i]), {} as Record<string, unknown>);
    expect(row).toEqual({
      when: { score: { min: 600, max: 700 }, region: { in: ['罗平县', '师宗县'] } },
      adjustmentBp: 30,
      label: { 'zh-CN': '评分 600–699', en: 'Score 600–699' },
      id: 'fair-home',
    });
    expect(columns.map((c) => c.get(row))).toEqual(cells);
  });

  it('leaves an open band side out of the row', () => {
    const [min, max] = columnsFor(rowSchema, config);
    const row = max.set(min.set({}, ''), '600');
    expect(row).toEqual({ when: { score: { max: 600 } } });
  });
});
