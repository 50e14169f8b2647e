import { describe, expect, it } from 'vitest';
import { checkAgreement, setup } from './engines.ts';
import { flowDocument, generateModel } from './generate-product.ts';
import { generateApplications } from './generate-applications.ts';

describe('the credit-factory benchmark', () => {
  it('generates the same product and applications from the same seed, at the scale of the issue', () => {
    const model = generateModel();
    expect(model.admission).toHaveLength(100);
    expect(model.approval).toHaveLength(3000);
    expect(model.segments.reduce((rows, segment) => rows + segment.strategies.length, 0)).toBe(1500);
    expect(JSON.stringify(flowDocument(generateModel()))).toBe(JSON.stringify(flowDocument(model)));
    expect(generateApplications(model, 50)).toEqual(generateApplications(generateModel(), 50));
  });

  it('decides 200 applications the same way in our runtime, GoRules ZEN and json-rules-engine', async () => {
    const bench = setup(200);
    const agreement = await checkAgreement(bench, 200);
    expect(agreement.zen.disagreements).toEqual([]);
    expect(agreement.jsonRules.disagreements).toEqual([]);
    expect(agreement.zen.agreed).toBe(200);
    expect(agreement.jsonRules.agreed).toBe(200);
    // a realistic mix, not 200 of a kind
    for (const outcome of ['approve', 'refer', 'decline']) expect(agreement.outcomes[outcome]).toBeGreaterThan(10);
  }, 120_000);
});
