import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { compileExpression } from '../../server/engine/expression/index.ts';

const schema = defaultCatalog().schemas.schema('https://schemas.loan-blocks.dev/application.schema.json')!;
const compile = (source: string, expected: 'boolean' | 'number' | 'any' = 'any') => compileExpression(source, { schema, expected });
const run = (source: string, application: unknown) => {
  const { compiled, errors } = compile(source);
  expect(errors).toEqual([]);
  const value = compiled!.evaluate(application);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value.toString() : value;
};
const farm = {
  farm: {
    crops: [
      { crop: 'ginger', declaredAreaMu: 12, insuredAreaMu: 12 },
      { crop: 'rice', declaredAreaMu: 4.5, insuredAreaMu: 3 },
    ],
  },
};

describe('looking into lists: some, all, none, count, sum of map', () => {
  it('answers questions about the crops list item by item', () => {
    expect(run('some(farm.crops, #.crop == "ginger")', farm)).toBe(true);
    expect(run('all(farm.crops, #.insuredAreaMu >= #.declaredAreaMu)', farm)).toBe(false);
    expect(run('none(farm.crops, #.crop == "tea")', farm)).toBe(true);
    expect(run('count(farm.crops, #.declaredAreaMu > 4)', farm)).toBe('2');
    expect(run('sum(map(farm.crops, #.declaredAreaMu))', farm)).toBe('16.5');
    expect(run('max(map(farm.crops, #.insuredAreaMu))', farm)).toBe('12');
  });

  it('gives null for a missing list and false/0 for an empty one', () => {
    expect(run('some(farm.crops, #.crop == "ginger")', {})).toBe(null);
    expect(run('count(farm.crops, #.crop == "ginger")', { farm: { crops: [] } })).toBe('0');
    expect(run('all(farm.crops, #.crop == "ginger")', { farm: { crops: [] } })).toBe(true);
    expect(run('sum(map(farm.crops, #.declaredAreaMu))', { farm: { crops: [] } })).toBe('0');
  });

  it('lets a deciding item win over a null one, as three-valued logic says', () => {
    const partly = { farm: { crops: [{ crop: 'rice' }, { crop: 'ginger', declaredAreaMu: 20 }] } };
    expect(run('some(farm.crops, #.declaredAreaMu > 10)', partly)).toBe(true);
    expect(run('all(farm.crops, #.declaredAreaMu > 10)', partly)).toBe(null);
    expect(run('count(farm.crops, #.declaredAreaMu > 10)', partly)).toBe(null);
  });

  it('nests: # is the innermost item', () => {
    const application = { ...farm, insurance: [{ kind: 'agricultural', verified: true }] };
    expect(run('some(farm.crops, #.crop == "ginger" and some(insurance, #.kind == "agricultural"))', application)).toBe(true);
  });

  it('refuses # outside a helper, unknown item fields, a non-boolean condition and a list without a length cap', () => {
    expect(compile('#.crop == "ginger"').errors[0].message.en).toContain('"#" stands for the list item');
    expect(compile('some(farm.crops, #.cropp == "ginger")').errors[0]).toMatchObject({ code: 'EXPRESSION_FIELD_UNKNOWN' });
    expect(compile('count(farm.crops, #.declaredAreaMu)').errors[0].message.en).toContain('The condition of count()');
    expect(compile('some(farm.crops, # == 1)').errors[0].message.en).toContain('group of fields');
    expect(compile('some([1, 2], # > 1)').errors[0].message.en).toContain('list field of the application');
    const unbounded = { type: 'object', properties: { xs: { type: 'array', items: { type: 'number' } } } };
    expect(compileExpression('some(xs, # > 1)', { schema: unbounded, expected: 'boolean' }).errors[0].message.en).toContain('has no maximum length');
    expect(compile('some(farm.crops, #.crop == "ginger")', 'boolean').errors).toEqual([]);
    expect(compile('count(farm.crops, #.crop == "ginger")', 'number').errors).toEqual([]);
  });
});
