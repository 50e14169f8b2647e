import { defaultCatalog } from '../../server/catalog.ts';
import { compile } from '../../server/engine/compiler/compile.ts';
import type { Decision } from '../../server/engine/decision.ts';
import type { ProductDefinition } from '../../server/engine/product-definition.ts';
import { buildEvaluator, type Evaluator } from '../../server/engine/runtime/evaluator.ts';
import { Decimal } from '../../server/engine/money.ts';
import { generateApplications, wireRequest, type BenchRequest } from './generate-applications.ts';
import { flowDocument, generateModel, type CreditFactoryModel } from './generate-product.ts';
import { jsonRulesBench } from './json-rules.ts';
import { fromZen, zenDecision, zenInput, type ComparableDecision } from './zen-graph.ts';

/** The generated product compiled by our compiler and loaded by our runtime, plus the applications. */
export interface BenchSetup {
  model: CreditFactoryModel;
  definition: ProductDefinition;
  evaluator: Evaluator;
  requests: BenchRequest[];
}

export function setup(applications: number): BenchSetup {
  const catalog = defaultCatalog();
  const model = generateModel();
  const { product, diagnostics } = compile(flowDocument(model), { catalog });
  if (!product) throw new Error(`the generated product does not compile: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  return { model, definition: product, evaluator: buildEvaluator(product, catalog), requests: generateApplications(model, applications) };
}

/** Our decision for one request, or a thrown error naming the field errors (the generator makes only valid requests). */
export function ourDecision(evaluator: Evaluator, request: BenchRequest): Decision {
  const result = evaluator.decide(wireRequest(request));
  if ('errors' in result) throw new Error(`our runtime refused a generated application: ${JSON.stringify(result.errors)}`);
  return result.decision;
}

export function comparable(decision: Decision): ComparableDecision {
  const offer = decision.offer;
  if (decision.outcome === 'decline' || !offer) return { outcome: decision.outcome };
  const bp = offer.rate.adjustments.reduce((sum, adjustment) => sum.plus(adjustment.bp), new Decimal(0)).toNumber();
  return { outcome: decision.outcome, adjustmentBp: bp, limit: offer.limit, rate: offer.rate.annual };
}

/** Which fields of two comparable decisions differ (outcome always; bp, limit and rate where both have them). */
export function differences(ours: ComparableDecision, theirs: ComparableDecision): string[] {
  const found: string[] = [];
  if (ours.outcome !== theirs.outcome) return ['outcome'];
  if (ours.outcome === 'decline') return found;
  if (theirs.adjustmentBp !== undefined && ours.adjustmentBp !== theirs.adjustmentBp) found.push('adjustmentBp');
  if (theirs.limit !== undefined && !new Decimal(ours.limit!).eq(theirs.limit)) found.push('limit');
  if (theirs.rate !== undefined && !new Decimal(ours.rate!).eq(theirs.rate)) found.push('rate');
  return found;
}

/** Agreement counts between our runtime and the other engines on the same requests. */
export interface Agreement {
  zen: { checked: number; agreed: number; fields: string[]; disagreements: { index: number; ours: ComparableDecision; theirs: ComparableDecision }[] };
  jsonRules: { checked: number; agreed: number; fields: string[]; disagreements: { index: number; ours: ComparableDecision; theirs: ComparableDecision }[] };
  outcomes: Record<string, number>; // our outcome mix over the checked requests
}

/** Runs the three engines on the requests and counts agreements (json-rules-engine on the first `jsonRulesCount`). */
export async function checkAgreement(bench: BenchSetup, jsonRulesCount: number): Promise<Agreement> {
  const zen = zenDecision(bench.model);
  const jre = jsonRulesBench(bench.model);
  const agreement: Agreement = {
    zen: { checked: 0, agreed: 0, fields: ['outcome', 'adjustmentBp', 'limit', 'rate'], disagreements: [] },
    jsonRules: { checked: 0, agreed: 0, fields: ['outcome', 'adjustmentBp'], disagreements: [] },
    outcomes: {},
  };
  for (const [index, request] of bench.requests.entries()) {
    const ours = comparable(ourDecision(bench.evaluator, request));
    agreement.outcomes[ours.outcome] = (agreement.outcomes[ours.outcome] ?? 0) + 1;
    const fromZenEngine = fromZen((await zen.evaluate(zenInput(request))).result);
    agreement.zen.checked += 1;
    if (differences(ours, fromZenEngine).length === 0) agreement.zen.agreed += 1;
    else if (agreement.zen.disagreements.length < 5) agreement.zen.disagreements.push({ index, ours, theirs: fromZenEngine });
    if (index < jsonRulesCount) {
      const fromJre = await jre.decide(request);
      agreement.jsonRules.checked += 1;
      if (differences(ours, fromJre).length === 0) agreement.jsonRules.agreed += 1;
      else if (agreement.jsonRules.disagreements.length < 5) agreement.jsonRules.disagreements.push({ index, ours, theirs: fromJre });
    }
  }
  return agreement;
}
