import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { ruleSetBlock } from '../../server/blocks/rule-set/rule-set.block.ts';
import { blockTypeInfo } from '../../server/routes/block-types.ts';
import type { JsonSchema } from '../../server/contracts.ts';
import { columnsFor } from '../../studio/src/inspector/table-columns.ts';

/** The rule-set's table as the studio builds it from the schema the server sends (GET /api/block-types). */
const catalog = defaultCatalog();
const info = blockTypeInfo(ruleSetBlock as never, catalog);
const rowSchema = (info.configSchema as JsonSchema).properties.rules.items as JsonSchema;
const columns = columnsFor(rowSchema, { rules: [] });
const column = (header: string) => columns.find((c) => c.header === header)!;
type Row = Record<string, unknown>;

describe('a rule’s name in the rule-set table, in both languages', () => {
  it('gives the name a Chinese and an English column, as a reason message has', () => {
    const headers = columns.map((c) => c.header);
    expect(headers.slice(0, 3)).toEqual(['id', 'name.zh-CN', 'name.en']);
    expect(headers).toContain('message.zh-CN');
  });

  it('reads a name stored as a plain string as the Chinese name with no English one yet', () => {
    const row: Row = { id: 'R001', name: '多头借贷' };
    expect([column('name.zh-CN').get(row), column('name.en').get(row)]).toEqual(['多头借贷', '']);
  });

  it('writes both languages as { "zh-CN", "en" }, a Chinese name alone as before, English alone as English', () => {
    const zh = column('name.zh-CN');
    const en = column('name.en');
    expect(en.set({ name: '多头借贷' }, ' Multiple borrowing ')).toEqual({ name: { 'zh-CN': '多头借贷', en: 'Multiple borrowing' } });
    expect(zh.set({ name: { 'zh-CN': '多头', en: 'Multiple borrowing' } }, '多头借贷')).toEqual({ name: { 'zh-CN': '多头借贷', en: 'Multiple borrowing' } });
    expect(en.set({ name: { 'zh-CN': '多头借贷', en: 'Multiple borrowing' } }, '')).toEqual({ name: '多头借贷' });
    expect(en.set({}, 'Multiple borrowing')).toEqual({ name: { 'zh-CN': '', en: 'Multiple borrowing' } });
    expect(zh.set(en.set({}, 'Multiple borrowing'), '多头借贷')).toEqual({ name: { 'zh-CN': '多头借贷', en: 'Multiple borrowing' } });
    expect(zh.set({ name: '多头借贷' }, '')).toEqual({});
  });

  it('takes a CSV written before names had two languages: its bare name column is the Chinese name', () => {
    expect(column('name.zh-CN').alias).toBe('name');
    expect(column('name.en').alias).toBeUndefined();
  });

  it('every value it writes is one the schema accepts', () => {
    const row = columns.reduce<Row>(
      (r, c) =>
        c.set(
          r,
          { id: 'R001', 'name.zh-CN': '多头借贷', 'name.en': 'Multiple borrowing', when: 'applicant.bureau.inquiries3m > 6', reasonCode: 'MULTIPLE_BORROWING', action: 'refer' }[c.header] ?? '',
        ),
      {},
    );
    expect(catalog.schemas.check(ruleSetBlock.configSchemaId, { rules: [row] })).toEqual([]);
  });
});
