import { createRequire } from 'node:module';
import { expressionOf } from './conditions.ts';
import type { BenchRequest } from './generate-applications.ts';
import type { CreditFactoryModel, RuleSpec, StrategyRow } from './generate-product.ts';

/**
 * The same credit factory as a GoRules ZEN decision graph (JDM), the way a ZEN user would model it:
 * decision tables for the rule sets (decline rules as a first-hit table, so the first decline stops
 * it as in our rule set; refer rules as a collect table), a switch node that sends a decline
 * straight to the output, a switch node for the segments with one strategy table each, a score-band
 * table, and one expression node computing the limit, rate and outcome. Every condition is the very
 * text our product uses (our expression language is a subset of ZEN's).
 */
const position = { x: 0, y: 0 };
type Node = { id: string; type: string; name: string; position: typeof position; content?: unknown };

const table = (id: string, hitPolicy: 'first' | 'collect', outputPath: string, inputs: { id: string; field: string }[], outputs: string[], rules: Record<string, string>[]): Node => ({
  id,
  type: 'decisionTableNode',
  name: id,
  position,
  content: { hitPolicy, passThrough: true, outputPath, inputs: inputs.map((input) => ({ ...input, name: input.id })), outputs: outputs.map((name) => ({ id: name, name, field: name })), rules },
});

const ruleTable = (id: string, hitPolicy: 'first' | 'collect', outputPath: string, rules: RuleSpec[]): Node =>
  table(
    id,
    hitPolicy,
    outputPath,
    [{ id: 'when', field: '' }],
    ['id'],
    rules.map((rule) => ({ _id: rule.id, when: expressionOf(rule.condition), id: JSON.stringify(rule.id) })),
  );

const band = (min?: number, max?: number) => (min === undefined ? `< ${max}` : max === undefined ? `>= ${min}` : `[${min}..${max})`);

function strategyTable(id: string, rows: StrategyRow[]): Node {
  return table(
    id,
    'first',
    'strategy',
    [
      { id: 'score', field: 'applicant.score' },
      { id: 'region', field: 'applicant.region' },
      { id: 'rating', field: 'applicant.creditRating' },
    ],
    ['bp'],
    rows.map((row) => ({
      _id: row.id,
      score: band(row.scoreMin, row.scoreMax),
      region: row.regions.map((region) => JSON.stringify(region)).join(', '),
      rating: JSON.stringify(row.rating),
      bp: String(row.bp),
    })),
  );
}

/** The JDM document of the model. */
export function zenGraph(model: CreditFactoryModel): { nodes: Node[]; edges: unknown[] } {
  const edges: unknown[] = [];
  const edge = (from: string, to: string, handle?: string) =>
    edges.push({ id: `${from}-${handle ?? ''}-${to}`, sourceId: from, targetId: to, type: 'edge', ...(handle ? { sourceHandle: handle } : {}) });
  const declines = (rules: RuleSpec[]) => rules.filter((rule) => rule.action === 'decline');
  const refers = (rules: RuleSpec[]) => rules.filter((rule) => rule.action === 'refer');
  const stop = (id: string, field: string): Node => ({
    id,
    type: 'switchNode',
    name: id,
    position,
    content: {
      hitPolicy: 'first',
      statements: [
        { id: 'declined', condition: `${field} != null` },
        { id: 'go', condition: '' },
      ],
    },
  });
  const { limit, rate } = model;
  const requested = `request.requestedAmount ?? ${limit.max}`;
  const capped = `min([applicant.monthlyIncome * multiple, ${limit.max}, business.annualTurnover * ${limit.turnoverShare}, ${requested}])`;
  const bp = '(strategy.bp ?? 0) + (band.bp ?? 0)';
  const nodes: Node[] = [
    { id: 'in', type: 'inputNode', name: 'in', position },
    ruleTable('admission-decline', 'first', 'admissionDecline', declines(model.admission)),
    stop('admission-stop', 'admissionDecline'),
    ruleTable('admission-refer', 'collect', 'admissionRefer', refers(model.admission)),
    {
      id: 'segment',
      type: 'switchNode',
      name: 'segment',
      position,
      content: { hitPolicy: 'first', statements: model.segments.map((segment) => ({ id: segment.id, condition: segment.condition ? expressionOf(segment.condition) : '' })) },
    },
    ruleTable('approval-decline', 'first', 'approvalDecline', declines(model.approval)),
    stop('approval-stop', 'approvalDecline'),
    ruleTable('approval-refer', 'collect', 'approvalRefer', refers(model.approval)),
    table(
      'band',
      'first',
      'band',
      [{ id: 'score', field: 'applicant.score' }],
      ['bp'],
      model.scoreBands.map((b, i) => ({ _id: `b${i}`, score: band(b.min, b.max), bp: String(b.bp) })),
    ),
    {
      id: 'offer',
      type: 'expressionNode',
      name: 'offer',
      position,
      content: {
        passThrough: true,
        expressions: [
          { id: 'bp', key: 'adjustmentBp', value: bp },
          { id: 'limit', key: 'limit', value: `floor(${capped} / ${limit.step}) * ${limit.step}` },
          { id: 'rate', key: 'rate', value: `max([${rate.floor}, min([${rate.ceiling}, ${rate.base} + (${bp}) / 100])])` },
          { id: 'outcome', key: 'outcome', value: `floor(${capped} / ${limit.step}) * ${limit.step} < ${limit.min} ? "decline" : len(admissionRefer) + len(approvalRefer) > 0 ? "refer" : "approve"` },
        ],
      },
    },
    { id: 'out', type: 'outputNode', name: 'out', position },
  ];
  edge('in', 'admission-decline');
  edge('admission-decline', 'admission-stop');
  edge('admission-stop', 'out', 'declined');
  edge('admission-stop', 'admission-refer', 'go');
  edge('admission-refer', 'segment');
  for (const segment of model.segments) {
    nodes.push(strategyTable(`strategy-${segment.id}`, segment.strategies));
    nodes.push({
      id: `multiple-${segment.id}`,
      type: 'expressionNode',
      name: `multiple-${segment.id}`,
      position,
      content: { passThrough: true, expressions: [{ id: 'm', key: 'multiple', value: String(segment.multiple) }] },
    });
    edge('segment', `strategy-${segment.id}`, segment.id);
    edge(`strategy-${segment.id}`, `multiple-${segment.id}`);
    edge(`multiple-${segment.id}`, 'approval-decline');
  }
  edge('approval-decline', 'approval-stop');
  edge('approval-stop', 'out', 'declined');
  edge('approval-stop', 'approval-refer', 'go');
  edge('approval-refer', 'band');
  edge('band', 'offer');
  edge('offer', 'out');
  return { nodes, edges };
}

/** What ZEN is asked: the application and the request amount (numbers, as a channel's JSON has them). */
export const zenInput = (request: BenchRequest) => ({ ...request.application, request: { requestedAmount: request.requestedAmount === undefined ? null : Number(request.requestedAmount) } });

/** ZEN's answer in the benchmark's comparable form. */
export interface ComparableDecision {
  outcome: 'approve' | 'refer' | 'decline';
  adjustmentBp?: number; // strategy + score band, when the path got that far
  limit?: string;
  rate?: string;
}

export function fromZen(result: Record<string, unknown>): ComparableDecision {
  if (result.admissionDecline || result.approvalDecline) return { outcome: 'decline' };
  return { outcome: result.outcome as ComparableDecision['outcome'], adjustmentBp: Number(result.adjustmentBp), limit: String(result.limit), rate: String(result.rate) };
}

interface ZenModule {
  ZenEngine: new () => { createDecision(content: object): { evaluate(input: unknown): Promise<{ result: Record<string, unknown> }> } };
}

/** A ready ZEN decision for the model. */
export function zenDecision(model: CreditFactoryModel) {
  const { ZenEngine } = createRequire(import.meta.url)('@gorules/zen-engine') as ZenModule;
  return new ZenEngine().createDecision(zenGraph(model));
}
