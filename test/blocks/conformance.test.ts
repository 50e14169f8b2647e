import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockTypes } from '../../server/blocks/index.ts';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileBlockConfig, createBlockContext } from '../../server/engine/compiler/block-context.ts';
import { PORT_KINDS } from '../../server/engine/ports.ts';
import { BLOCK_CATEGORIES } from '../../server/engine/block-type.ts';
import { TEST_PRODUCT } from './case-file.ts';
import { fieldProblems } from './field-checks.ts';
import { blockTypeInfo } from '../../server/routes/block-types.ts';

const catalog = defaultCatalog();
const applicationSchema = catalog.schemas.schema('https://schemas.loan-blocks.dev/application.schema.json')!;
const root = new URL('../../', import.meta.url);

/**
 * Everything a developer must provide for a new block type. Each failure message says what is
 * missing and where, so this test is the checklist of "Adding a block type" in the README.
 */
describe('every registered block type conforms to the block-type pattern', () => {
  it('has at least one block type per palette category that the four products need', () => {
    const categories = new Set(blockTypes.map((blockType) => blockType.category));
    for (const category of BLOCK_CATEGORIES) expect(categories, `a block type in category ${category}`).toContain(category);
  });

  it('registers each type once', () => {
    const names = blockTypes.map((blockType) => blockType.type);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  describe.each(blockTypes.map((blockType) => [blockType.type, blockType] as const))('%s', (type, blockType) => {
    const folder = new URL(`server/blocks/${type}/`, root);

    it('lives in server/blocks/<type>/<type>.block.ts with a README and cases', () => {
      expect(fs.existsSync(new URL(`${type}.block.ts`, folder)), `server/blocks/${type}/${type}.block.ts`).toBe(true);
      expect(fs.existsSync(new URL('README.md', folder)), `server/blocks/${type}/README.md`).toBe(true);
      const cases = fs.existsSync(new URL('cases/', folder)) ? fs.readdirSync(new URL('cases/', folder)).filter((f) => f.endsWith('.json')) : [];
      expect(cases.length, `server/blocks/${type}/cases/*.json`).toBeGreaterThanOrEqual(2);
    });

    it('has a config schema at product-schemas/blocks/<type>.schema.json whose $id matches', () => {
      const file = new URL(`product-schemas/blocks/${type}.schema.json`, root);
      expect(fs.existsSync(file), `product-schemas/blocks/${type}.schema.json`).toBe(true);
      const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(schema.$id).toBe(blockType.configSchemaId);
      expect(catalog.schemas.has(blockType.configSchemaId)).toBe(true);
    });

    it('has defaults that satisfy its schema and compile without errors', () => {
      expect(catalog.schemas.check(blockType.configSchemaId, blockType.defaults)).toEqual([]);
      const compiled = compileBlockConfig(blockType, blockType.defaults as Record<string, unknown>, createBlockContext('defaults', TEST_PRODUCT, applicationSchema), catalog.schemas);
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    it('declares ports with unique ids and known kinds, consistent with its role', () => {
      const outputIds = blockType.outputs.map((port) => port.id);
      expect(new Set(outputIds).size).toBe(outputIds.length);
      const inputIds = blockType.inputs.map((port) => port.id);
      expect(new Set(inputIds).size).toBe(inputIds.length);
      for (const port of blockType.outputs) expect(PORT_KINDS).toContain(port.kind);
      for (const port of blockType.inputs) for (const kind of port.accepts) expect(PORT_KINDS).toContain(kind);
      if (blockType.role === 'start') expect(blockType.inputs).toEqual([]);
      else expect(blockType.inputs.length).toBeGreaterThan(0);
      if (blockType.role === 'outcome') expect(blockType.outputs).toEqual([]);
      if (blockType.role === 'gate') expect(outputIds).toEqual(expect.arrayContaining(['pass', 'fail']));
      if (blockType.role === 'contributor') expect(blockType.provides?.length ?? 0).toBeGreaterThan(0);
      if (blockType.dynamicOutputs) {
        const schema = catalog.schemas.schema(blockType.configSchemaId) as { properties?: Record<string, unknown> };
        expect(Object.keys(schema.properties ?? {})).toContain(blockType.dynamicOutputs.arrayKey);
      }
    });

    it('has titles in both languages, a description and a palette category', () => {
      expect(blockType.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(blockType.title.en).toMatch(/[A-Za-z]/);
      expect(blockType.description['zh-CN'].length).toBeGreaterThan(4);
      expect(blockType.description.en.length).toBeGreaterThan(4);
      expect(BLOCK_CATEGORIES).toContain(blockType.category);
    });

    it('labels every config field in zh-CN and English, gives money, rates and terms a unit, and labels every enum value', () => {
      const schema = catalog.schemas.schema(blockType.configSchemaId)!;
      expect(fieldProblems(schema)).toEqual([]);
    });

    it('sends form hints that point at real fields of the schema it sends', () => {
      const info = blockTypeInfo(blockType, catalog);
      const properties = Object.keys((info.configSchema as { properties?: object }).properties ?? {});
      expect(info.ui.order).toEqual(properties);
      for (const [pointer, hint] of Object.entries(info.ui.fields ?? {})) {
        let node: any = info.configSchema;
        for (const part of pointer.split('/').slice(1)) node = part === 'items' && node?.items ? node.items : node?.properties?.[part];
        expect(node, `ui.fields['${pointer}'] names a field of the schema`).toBeTruthy();
        if (hint.showIf) {
          const parent = pointer.split('/').slice(0, -1).join('/');
          expect(info.ui.fields, `showIf of ${pointer} names a sibling field`).toBeDefined();
          let siblings: any = info.configSchema;
          for (const part of parent.split('/').slice(1)) siblings = part === 'items' && siblings?.items ? siblings.items : siblings?.properties?.[part];
          expect(Object.keys(siblings?.properties ?? {}), `showIf of ${pointer} names a sibling field`).toContain(hint.showIf.field);
        }
      }
    });

    it('has migrations forming a chain up to its version', () => {
      const migrations = blockType.migrations ?? [];
      expect(migrations.length).toBe(blockType.version - 1);
      migrations.forEach((migration, index) => {
        expect(migration.from).toBe(index + 1);
        expect(migration.to).toBe(index + 2);
      });
    });
  });
});
