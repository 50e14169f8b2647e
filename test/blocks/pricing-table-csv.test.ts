import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileBlockConfig, createBlockContext } from '../../server/engine/compiler/block-context.ts';
import { pricingTableBlock, type PricingTableConfig, type TableInput, type TableRow } from '../../server/blocks/pricing-table/pricing-table.block.ts';
import { csvToTable, tableToCsv } from '../../server/blocks/pricing-table/pricing-table.csv.ts';
import { TEST_PRODUCT } from './case-file.ts';

const catalog = defaultCatalog();
const applicationSchema = catalog.schemas.schema('https://schemas.loan-blocks.dev/application.schema.json')!;
const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const inputs: TableInput[] = [
  { id: 'score', label: label('内部评分', 'Internal score'), expression: 'applicant.score', type: 'number' },
  { id: 'region', label: label('区县', 'County'), expression: 'applicant.region', type: 'string' },
  { id: 'local', label: label('本地户籍', 'Local hukou'), expression: 'applicant.hukouLocal', type: 'boolean' },
];

const rows: TableRow[] = [
  { id: 'top', when: { score: { min: 800 }, region: { in: ['罗平县', '师宗县'] } }, adjustmentBp: -25.5, label: label('优质, "罗平"', 'Top, "Luoping"') },
  { when: { score: { min: 600.5, max: 800 }, local: { equals: true } }, adjustmentBp: 0 },
  { id: 'multi-line', when: { region: { equals: '陆良县' } }, adjustmentBp: 35, label: label('第一行\r\n第二行', ' leading space') },
  { when: { score: { max: 600.5 } }, adjustmentBp: 120, label: label('低分', 'Low score') },
];

const compile = (config: PricingTableConfig) =>
  compileBlockConfig(pricingTableBlock, config as unknown as Record<string, unknown>, createBlockContext('table', TEST_PRODUCT, applicationSchema), catalog.schemas);

const decide = (compiled: ReturnType<typeof compile>, application: Record<string, unknown>) =>
  pricingTableBlock.evaluate(compiled.prepared as never, { application, product: TEST_PRODUCT, offer: {}, request: { asOf: '2026-11-22' } });

describe('pricing table CSV', () => {
  it('writes the documented header and RFC 4180 quoting', () => {
    const csv = tableToCsv({ inputs, rows: rows.slice(0, 2) }, { bom: false });
    expect(csv).toBe(
      'score.min,score.max,region,local,adjustmentBp,label.zh-CN,label.en,id\r\n' + '800,,罗平县|师宗县,,-25.5,"优质, ""罗平""","Top, ""Luoping""",top\r\n' + '600.5,800,,true,0,,,\r\n',
    );
  });

  it('starts with a UTF-8 byte order mark by default so spreadsheets show Chinese correctly', () => {
    expect(tableToCsv({ inputs, rows }).startsWith('\uFEFFscore.min,')).toBe(true);
  });

  it('gives back exactly the rows it exported, including quotes, commas and line breaks in labels', () => {
    const imported = csvToTable(tableToCsv({ inputs, rows }), inputs);
    expect(imported.errors).toEqual([]);
    expect(imported.rows).toEqual(rows);
  });

  it('reads LF line ends, columns in any order, one label column for both languages and blank lines', () => {
    const csv = 'adjustmentBp,label,score.max,region\n-10, 满分客户 ,,"A|B"\n\n5,,700,C\n';
    expect(csvToTable(csv, inputs)).toEqual({
      errors: [],
      rows: [
        { when: { region: { in: ['A', 'B'] } }, adjustmentBp: -10, label: label(' 满分客户 ', ' 满分客户 ') },
        { when: { score: { max: 700 }, region: { equals: 'C' } }, adjustmentBp: 5 },
      ],
    });
  });

  it('names the line and the field of every problem and returns no rows', () => {
    const csv = 'score.min,adjustmentBp,local\n600,abc,yes\n700,10\n"multi\nline",5,true\n6x,5,false\n';
    const result = csvToTable(csv, inputs);
    expect(result.rows).toBeUndefined();
    expect(result.errors.map(({ line, column }) => ({ line, column }))).toEqual([
      { line: 2, column: 2 },
      { line: 2, column: 3 },
      { line: 3, column: 0 },
      { line: 4, column: 1 },
      { line: 6, column: 1 },
    ]);
    expect(result.errors[0].message.en).toContain('abc');
  });

  it('refuses unknown or misnamed columns and a missing adjustmentBp column in the header', () => {
    const result = csvToTable('score,grade,region.min\n1,2,3\n', inputs);
    expect(result.errors.map(({ line, column }) => ({ line, column }))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 1, column: 3 },
      { line: 1, column: 0 },
    ]);
  });

  it('reports an unclosed quote at the line where the field starts', () => {
    expect(csvToTable('adjustmentBp,label\n5,"open\nstill open\n', inputs).errors).toEqual([expect.objectContaining({ line: 2, column: 2 })]);
  });
});

describe('a 1,500-row pricing table', () => {
  // Score bands of width 1 from 0 to 1500: band i = [i, i + 1) adds (i mod 200) − 100 bp.
  const bandRows: TableRow[] = Array.from({ length: 1500 }, (_, i) => ({ id: `b${i}`, when: { score: { min: i, max: i + 1 } }, adjustmentBp: (i % 200) - 100 }));
  const scoreOnly: TableInput[] = [inputs[0]];

  it('survives a CSV round trip, compiles without findings and finds the band of a score', () => {
    const imported = csvToTable(tableToCsv({ inputs: scoreOnly, rows: bandRows }), scoreOnly);
    expect(imported.rows).toHaveLength(1500);
    const compiled = compile({ code: 'SCORE_PRICING', label: label('评分', 'Score'), inputs: scoreOnly, rows: imported.rows!, hitPolicy: 'first', defaultBp: 0 });
    expect(compiled.diagnostics).toEqual([]);
    // Score 987 is in band 987: 987 mod 200 = 187, 187 − 100 = +87 bp.
    expect(decide(compiled, { applicant: { score: 987 } })).toMatchObject({ contribution: { rateAdjustments: [{ bp: 87 }] }, facts: { hits: ['b987'] } });
    // The edges of the table: the first band and the last one.
    expect(decide(compiled, { applicant: { score: 0 } })).toMatchObject({ facts: { hits: ['b0'] } });
    expect(decide(compiled, { applicant: { score: 1499.5 } })).toMatchObject({ facts: { hits: ['b1499'] } });
  });

  it('evaluates a 1,500-row two-input table row by row in order', () => {
    // Each row: a score band of width 1 and a county; the last row catches everything.
    const mixed: TableRow[] = [...bandRows.slice(0, 1499).map((row, i) => ({ ...row, when: { ...row.when, region: { equals: i % 2 ? '罗平县' : '师宗县' } } })), { when: {}, adjustmentBp: 200 }];
    const compiled = compile({ code: 'MIXED', label: label('混合', 'Mixed'), inputs: inputs.slice(0, 2), rows: mixed, hitPolicy: 'first', defaultBp: 0 });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Score 301 is odd → 罗平县 matches row 301: 301 mod 200 = 101, 101 − 100 = +1 bp; 师宗县 with 301 falls to the catch-all +200.
    expect(decide(compiled, { applicant: { score: 301, region: '罗平县' } })).toMatchObject({ contribution: { rateAdjustments: [{ bp: 1 }] } });
    expect(decide(compiled, { applicant: { score: 301, region: '师宗县' } })).toMatchObject({ contribution: { rateAdjustments: [{ bp: 200 }] } });
    // 陆良县 matches no county row: only the catch-all applies.
    expect(decide(compiled, { applicant: { score: 1200, region: '陆良县' } })).toMatchObject({ contribution: { rateAdjustments: [{ bp: 200 }] } });
  });
});
