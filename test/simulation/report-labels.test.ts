import fs from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { FlowDocument } from '../../server/engine/flow-document.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import { reportCsv } from '../../server/simulation/report-csv.ts';
import { reportLabels } from '../../server/simulation/report-labels.ts';
import { buildReport, type SimulationReport } from '../../server/simulation/report.ts';
import { simulatePortfolio } from '../../server/simulation/simulate.ts';

/**
 * The report names its codes as the product does. Expected labels are read from the example's
 * flow.json text (or written here by hand for the fixed codes), never from the report code.
 */
const DIR = fileURLToPath(new URL('../../examples/salaried/', import.meta.url));
const flowText = fs.readFileSync(`${DIR}flow.json`, 'utf8');
const samples = fs
  .readdirSync(`${DIR}samples`)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(fs.readFileSync(`${DIR}samples/${file}`, 'utf8')) as { application: Record<string, unknown>; request: { channel?: string } & Record<string, unknown> });
const portfolio = `${samples.map(({ application, request: { channel, ...request } }) => JSON.stringify({ application: channel ? { ...application, channel } : application, ...request })).join('\n')}\n`;

const catalog = defaultCatalog();
const definitionOf = (document: FlowDocument): ProductDefinition => {
  const compiled = compile(document, { catalog, resolveBase: () => undefined });
  if (!compiled.product) throw new Error(JSON.stringify(compiled.diagnostics ?? compiled));
  return compiled.product;
};

async function report(definitions: ProductDefinition[]): Promise<SimulationReport> {
  const result = await simulatePortfolio({ definitions, source: Readable.from([portfolio]), format: 'jsonl', defaultAsOf: '2026-11-22', threads: 0, chunkSize: 4 });
  return buildReport(result, definitions, { format: 'jsonl', defaultAsOf: '2026-11-22' });
}

interface RawBlock {
  id: string;
  type: string;
  config: { reasonCode?: string; message?: unknown; expression?: string; branches?: { id: string; label: { 'zh-CN': string; en: string } }[]; rules?: unknown[] };
}
const rawBlocks = () => (JSON.parse(flowText) as { blocks: RawBlock[] }).blocks;

describe('the report names reason codes and segments as the product defines them', () => {
  it('takes a gate’s reason message and the segment switch’s branch labels from flow.json, fixed labels for the built-in codes', async () => {
    const document = JSON.parse(flowText) as FlowDocument;
    const definition = definitionOf(document);
    const { labels, versions } = await report([definition, definition]);
    const gate = rawBlocks().find((block) => block.id === 'eligibility')!;
    expect(gate.config.reasonCode).toBe('SALARIED_NOT_ELIGIBLE');
    expect(labels!.reasonCodes.SALARIED_NOT_ELIGIBLE).toEqual(gate.config.message);
    expect(labels!.reasonCodes.SALARIED_NOT_ELIGIBLE['zh-CN']).toBe('须为白名单单位员工，或连续缴存公积金满12个月且月缴存≥500元，或本行代发工资满6个月');
    // age-gate messages carry the applicant's age; the label is the code's fixed meaning
    expect(labels!.reasonCodes.AGE_BELOW_MIN).toEqual({ 'zh-CN': '年龄低于下限', en: 'Age below the minimum' });
    const segment = rawBlocks().find((block) => block.id === 'segment')!;
    for (const branch of segment.config.branches ?? []) {
      if (versions[1].bySegment.some((group) => group.key === branch.id)) expect(labels!.segments[branch.id]).toEqual(branch.label);
    }
    expect(labels!.segments.A).toEqual({ 'zh-CN': 'A 公职人员/事业单位', en: 'A Civil servants / public institutions' });
    // bounded: only what the report lists
    const listed = new Set(versions.flatMap((version) => version.reasonCodes.map((reason) => reason.code)));
    expect(Object.keys(labels!.reasonCodes).every((code) => listed.has(code))).toBe(true);
    expect(Object.keys(labels!.segments).sort()).toEqual([...new Set(versions.flatMap((version) => version.bySegment.map((group) => group.key)))].filter((key) => key in labels!.segments).sort());
    expect(labels!.segments.pf).toBeUndefined(); // the second switch's branch: the report's segments are the first switch's
  });

  it('labels a rule by its name, the after version’s wording winning, and the CSV exports carry the labels', async () => {
    const before = definitionOf(JSON.parse(flowText) as FlowDocument);
    const document = JSON.parse(flowText) as FlowDocument & { blocks: RawBlock[] };
    const gate = document.blocks.find((block) => block.id === 'eligibility')!;
    gate.type = 'rule-set';
    gate.config = {
      rules: [
        { id: 'R0001', name: '人工规则 R0001', when: 'applicant.age >= 57', reasonCode: 'REFER_R0001', action: 'refer' },
        { id: 'R0002', name: '非白名单且公积金、代发不达标', when: `not (${gate.config.expression})`, reasonCode: 'SALARIED_NOT_ELIGIBLE', action: 'decline' },
        { id: 'R0003', name: '从不命中', when: 'applicant.age > 200', reasonCode: 'NEVER_HIT', action: 'decline' },
      ],
    };
    const after = definitionOf(document);
    const built = await report([before, after]);
    const { labels } = built;
    expect(labels!.reasonCodes.SALARIED_NOT_ELIGIBLE).toEqual({ 'zh-CN': '非白名单且公积金、代发不达标', en: '非白名单且公积金、代发不达标' });
    expect(labels!.reasonCodes.REFER_R0001).toEqual({ 'zh-CN': '人工规则 R0001', en: '人工规则 R0001' });
    expect(labels!.reasonCodes.NEVER_HIT).toBeUndefined();
    // the same input, the same bytes
    expect(JSON.stringify(await report([before, after]))).toBe(JSON.stringify(built));

    const summary = reportCsv(built, 'summary').split('\r\n');
    expect(summary[0]).toBe('\uFEFFsection,version,group,metric,value,labelZh,labelEn');
    // counted from the sample files: of the applicants aged 57 or more (samples 10, 11, 12), the age gate declines 61 and 58 (term 36) first; 57 reaches the rule
    expect(summary).toContain('reasonCode,after,REFER_R0001,count,1,人工规则 R0001,人工规则 R0001');
    // civil servants not declined before the switch: samples 01, 02, 07, 11, 15
    expect(summary).toContain('segment,after,A,applications,5,A 公职人员/事业单位,A Civil servants / public institutions');
    const changed = reportCsv(built, 'changed').split('\r\n');
    expect(changed[0]).toContain('beforeSegmentLabelZh,beforeSegmentLabelEn,beforeReasonLabelsZh,beforeReasonLabelsEn');
    expect(changed.some((line) => line.includes(',REFER_R0001,') && line.includes('人工规则 R0001'))).toBe(true);
  });

  it('an old stored report without labels still exports, with empty label cells', async () => {
    const definition = definitionOf(JSON.parse(flowText) as FlowDocument);
    const { labels: _dropped, ...old } = await report([definition, definition]);
    expect(reportCsv(old, 'summary')).toContain('reasonCode,after,AGE_BELOW_MIN,count,');
    expect(
      reportCsv(old, 'summary')
        .split('\r\n')
        .find((line) => line.startsWith('reasonCode,after,AGE_BELOW_MIN')),
    ).toMatch(/,,$/);
  });

  it('labels a rule named in both languages in each language, and a plain-string name in both', () => {
    const rules = [
      { id: 'R1', name: { 'zh-CN': '多头借贷', en: 'Multiple borrowing' }, when: 'true', reasonCode: 'MULTIPLE_BORROWING', action: 'refer' },
      { id: 'R2', name: '经营异常名录', when: 'true', reasonCode: 'ABNORMAL_OPERATIONS', action: 'decline' },
      { id: 'R3', name: { 'zh-CN': '近6月逾期', en: '' }, when: 'true', reasonCode: 'RECENT_OVERDUE', action: 'decline' },
      { id: 'R4', name: { 'zh-CN': '当前逾期', en: 'Currently overdue' }, when: 'true', reasonCode: 'OVERDUE', action: 'decline' },
      { id: 'R5', name: { 'zh-CN': '近24月逾期', en: 'Overdue in the last 24 months' }, when: 'true', reasonCode: 'OVERDUE', action: 'decline' },
    ];
    const definition = { blocks: [{ id: 'rules', type: 'rule-set', typeVersion: 1, config: { rules } }] } as unknown as ProductDefinition;
    expect(reportLabels([definition], ['MULTIPLE_BORROWING', 'ABNORMAL_OPERATIONS', 'RECENT_OVERDUE', 'OVERDUE'], []).reasonCodes).toEqual({
      ABNORMAL_OPERATIONS: { 'zh-CN': '经营异常名录', en: '经营异常名录' },
      MULTIPLE_BORROWING: { 'zh-CN': '多头借贷', en: 'Multiple borrowing' },
      OVERDUE: { 'zh-CN': '当前逾期 等 2 条规则', en: 'Currently overdue and 1 more rule' },
      RECENT_OVERDUE: { 'zh-CN': '近6月逾期', en: '近6月逾期' }, // an English name left empty shows the Chinese one, never a blank
    });
  });

  it('words the fixed codes as a loan officer would: not on the whitelist, on the blacklist, outside the service area', () => {
    const none = { blocks: [] } as unknown as ProductDefinition;
    expect(reportLabels([none], ['NOT_ON_WHITELIST', 'ON_BLACKLIST', 'REGION_NOT_SERVED'], []).reasonCodes).toEqual({
      NOT_ON_WHITELIST: { 'zh-CN': '不在白名单内', en: 'Not on the whitelist' },
      ON_BLACKLIST: { 'zh-CN': '命中黑名单', en: 'On the blacklist' },
      REGION_NOT_SERVED: { 'zh-CN': '所在地区不在服务区域', en: 'Region outside the service area' },
    });
  });

  it('says when several rules give one code, and skips a disabled rule', () => {
    const rules = [
      { id: 'R1', name: '当前逾期', when: 'true', reasonCode: 'ADMISSION_CURRENTOVERDUE', action: 'decline' },
      { id: 'R2', name: '近24月逾期', when: 'true', reasonCode: 'ADMISSION_CURRENTOVERDUE', action: 'decline' },
      { id: 'R3', name: '已停用', when: 'true', reasonCode: 'ADMISSION_CURRENTOVERDUE', action: 'decline', enabled: false },
    ];
    const definition = { blocks: [{ id: 'rules', type: 'rule-set', typeVersion: 1, config: { rules } }] } as unknown as ProductDefinition;
    expect(reportLabels([definition], ['ADMISSION_CURRENTOVERDUE'], []).reasonCodes).toEqual({
      ADMISSION_CURRENTOVERDUE: { 'zh-CN': '当前逾期 等 2 条规则', en: '当前逾期 and 1 more rule' },
    });
  });
});
