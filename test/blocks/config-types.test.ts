import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_TYPES_PATH, configTypeName, generateConfigTypes } from '../../scripts/gen-config-types.ts';
import { blockTypes } from '../../server/blocks/index.ts';
import { ROOT } from '../../server/root.ts';

/**
 * Each block's Config type is generated from its config schema (scripts/gen-config-types.ts), so a
 * field is written once. These tests keep the checked-in module equal to a fresh generation and
 * keep hand-written config types from coming back.
 */
describe('block config types are generated from the config schemas', () => {
  const checkedIn = fs.readFileSync(path.join(ROOT, CONFIG_TYPES_PATH), 'utf8');

  it('the checked-in module equals a fresh generation (run `npm run gen:types` after changing a schema)', async () => {
    expect(await generateConfigTypes()).toBe(checkedIn);
  });

  it('a changed schema changes the generated type, so the comparison above can fail', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'config-types-'));
    try {
      fs.cpSync(path.join(ROOT, 'product-schemas'), path.join(copy, 'product-schemas'), { recursive: true });
      const file = path.join(copy, 'product-schemas/blocks/age-gate.schema.json');
      const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
      schema.properties.minAgeMonths = { type: 'integer', minimum: 0 };
      schema.properties.ageSource.enum.push('idCard');
      fs.writeFileSync(file, JSON.stringify(schema));
      const changed = await generateConfigTypes(copy);
      expect(changed).not.toBe(checkedIn);
      const ageGate = changed.slice(changed.indexOf('export interface AgeGateConfig'));
      const body = ageGate.slice(0, ageGate.indexOf('\n}\n'));
      expect(body).toContain('minAgeMonths?: number;');
      expect(body).toContain("ageSource: 'age' | 'birthDate' | 'idCard';");
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('has a Config type for every registered block type', () => {
    for (const { type } of blockTypes) expect(checkedIn, `${configTypeName(type)} for ${type}`).toMatch(new RegExp(`export interface ${configTypeName(type)} \\{`));
  });

  it('no block declares its own Config type: each imports the generated one', () => {
    const own: string[] = [];
    for (const folder of fs.readdirSync(path.join(ROOT, 'server/blocks'), { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of fs.readdirSync(path.join(ROOT, 'server/blocks', folder.name))) {
        if (!file.endsWith('.ts')) continue;
        const source = fs.readFileSync(path.join(ROOT, 'server/blocks', folder.name, file), 'utf8');
        for (const match of source.matchAll(/^export (?:interface|type) (\w+Config)\b/gm)) own.push(`server/blocks/${folder.name}/${file}: ${match[1]}`);
      }
    }
    expect(own).toEqual([]);
  });
});
