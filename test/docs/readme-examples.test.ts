import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileBlockConfig, createBlockContext } from '../../server/engine/compiler/block-context.ts';
import type { BlockType } from '../../server/engine/block-type.ts';
import { compileExpression } from '../../server/engine/expression/index.ts';
import { SchemaRegistry } from '../../server/engine/schema-registry.ts';
import { uiHintsFromSchema } from '../../server/engine/ui-hints.ts';
import { loadSchemaFiles } from '../../server/catalog.ts';
import { TEST_PRODUCT } from '../blocks/case-file.ts';
import { fieldProblems } from '../blocks/field-checks.ts';

/** The documentation's examples are run, so a reader who copies one gets working code. */
const root = new URL('../../', import.meta.url);
const read = (file: string) => fs.readFileSync(new URL(file, root), 'utf8');
const fenced = (markdown: string, language: string) => [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]);
const catalog = defaultCatalog();
const applicationSchema = catalog.schemas.schema('https://schemas.loan-blocks.dev/application.schema.json')!;

describe('server/engine/expression/README.md', () => {
  it('has examples that all compile against the application dictionary', () => {
    // Every plain fenced block is a list of expressions, each optionally followed by a Chinese gloss.
    const lines = fenced(read('server/engine/expression/README.md'), '')
      .flatMap((block) => block.split('\n'))
      .map((line) => line.split(/\s{2,}(?=[\u4e00-\u9fff])/)[0].trim())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    const failures = lines.map((line) => ({ line, errors: compileExpression(line, { schema: applicationSchema, expected: 'any' }).errors })).filter((r) => r.errors.length);
    expect(failures.map((f) => `${f.line}: ${f.errors[0].message.en}`)).toEqual([]);
  });
});

describe('README.md, "Adding a block type"', () => {
  const readme = read('README.md');
  const schema = JSON.parse(fenced(readme, 'json')[0]);
  const source = fenced(readme, 'ts').find((code) => code.includes('defineBlockType'))!;
  // The example imports ../../engine/… from server/blocks/<type>/; it is written to such a folder and imported.
  const folder = new URL(`server/blocks/.readme-example-${process.pid}/`, root);
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('gives a schema that follows the field rules and a descriptor that compiles, fills its ports and decides', async () => {
    expect(fieldProblems(schema)).toEqual([]);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(new URL('deposit-tenure-gate.block.ts', folder), source);
    const module = (await import(new URL('deposit-tenure-gate.block.ts', folder).href)) as { depositTenureGateBlock: BlockType<{ minMonths: number; action: string }> };
    const blockType = module.depositTenureGateBlock;
    expect(blockType.configSchemaId).toBe(schema.$id);
    expect(blockType.outputs.map((port) => port.id)).toEqual(['pass', 'fail']);
    expect(uiHintsFromSchema(schema).fields?.['/minMonths']).toEqual({ label: { 'zh-CN': '最短存款月数', en: 'Minimum months' }, unit: 'months' });
    const registry = new SchemaRegistry([...loadSchemaFiles(), schema]);
    expect(registry.check(schema.$id, blockType.defaults)).toEqual([]);
    const compiled = compileBlockConfig(blockType, blockType.defaults, createBlockContext('b', TEST_PRODUCT, applicationSchema), registry);
    expect(compiled.diagnostics).toEqual([]);
    const decide = (depositMonths: number) =>
      blockType.evaluate(compiled.prepared as never, { application: { custom: { depositMonths } }, request: { asOf: '2026-11-22' }, product: TEST_PRODUCT, offer: {} });
    expect(decide(6)).toMatchObject({ kind: 'gate', passed: true });
    expect(decide(5)).toMatchObject({ kind: 'gate', passed: false, action: 'decline', reasons: [{ code: 'DEPOSIT_TENURE_SHORT' }] });
    expect(blockType.summarize?.(blockType.defaults, 'zh-CN')).toBe('存款 ≥ 6 个月');
  });
});
