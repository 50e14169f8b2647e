import { Engine } from 'json-rules-engine';
import { jreConditionOf, type Condition } from './conditions.ts';
import type { BenchRequest } from './generate-applications.ts';
import type { CreditFactoryModel, RuleSpec } from './generate-product.ts';
import type { ComparableDecision } from './zen-graph.ts';

/**
 * The same credit factory in json-rules-engine, staged the way its users chain engines: admission
 * rules (stop on a decline), segment rules, the segment's strategy rules (the first row in table
 * order wins, as in a first-hit table), approval rules (stop on a decline), score-band rules.
 * json-rules-engine evaluates every rule of an engine on each run; it has no arithmetic, so it
 * answers the outcome and the adjustment in basis points, not the limit or rate.
 */
type Rule = { conditions: { all: ReturnType<typeof jreConditionOf>[] }; event: { type: string; params: Record<string, unknown> } };
type Events = { type: string; params?: Record<string, unknown> }[];

const asRule = (condition: Condition, type: string, params: Record<string, unknown>): Rule => ({ conditions: { all: [jreConditionOf(condition)] }, event: { type, params } });

function engine(rules: Rule[]): Engine {
  const built = new Engine([], { allowUndefinedFacts: true });
  for (const rule of rules) built.addRule(rule);
  return built;
}

const ruleEngine = (rules: RuleSpec[]) => engine(rules.map((rule) => asRule(rule.condition, rule.action, { id: rule.id })));

/** The first event in table order (smallest `order` param), as a first-hit policy. */
const first = (events: Events) => events.reduce<Events[number] | undefined>((best, event) => (best && (best.params!.order as number) <= (event.params!.order as number) ? best : event), undefined);

export interface JsonRulesBench {
  decide(request: BenchRequest): Promise<ComparableDecision>;
}

export function jsonRulesBench(model: CreditFactoryModel): JsonRulesBench {
  const admission = ruleEngine(model.admission);
  const approval = ruleEngine(model.approval);
  const segments = engine(model.segments.filter((s) => s.condition).map((s, order) => asRule(s.condition!, 'segment', { id: s.id, order })));
  const strategies = new Map(
    model.segments.map((segment) => [
      segment.id,
      engine(
        segment.strategies.map((row, order) => {
          const parts: Condition[] = [];
          if (row.scoreMin !== undefined) parts.push({ kind: 'compare', field: 'applicant.score', op: '>=', value: row.scoreMin });
          if (row.scoreMax !== undefined) parts.push({ kind: 'compare', field: 'applicant.score', op: '<', value: row.scoreMax });
          parts.push({ kind: 'in', field: 'applicant.region', values: row.regions }, { kind: 'equals', field: 'applicant.creditRating', value: row.rating });
          return asRule({ kind: 'all', of: parts }, 'strategy', { bp: row.bp, order });
        }),
      ),
    ]),
  );
  const bands = engine(
    model.scoreBands.map((band, order) => {
      const parts: Condition[] = [];
      if (band.min !== undefined) parts.push({ kind: 'compare', field: 'applicant.score', op: '>=', value: band.min });
      if (band.max !== undefined) parts.push({ kind: 'compare', field: 'applicant.score', op: '<', value: band.max });
      return asRule({ kind: 'all', of: parts }, 'band', { bp: band.bp, order });
    }),
  );

  return {
    async decide(request) {
      const facts = request.application;
      const admitted = (await admission.run(facts)).events as Events;
      if (admitted.some((event) => event.type === 'decline')) return { outcome: 'decline' };
      const segment = (first((await segments.run(facts)).events as Events)?.params?.id as string | undefined) ?? 'else';
      const strategy = first((await strategies.get(segment)!.run(facts)).events as Events);
      const approved = (await approval.run(facts)).events as Events;
      if (approved.some((event) => event.type === 'decline')) return { outcome: 'decline' };
      const band = first((await bands.run(facts)).events as Events);
      const refer = admitted.length + approved.length > 0;
      return { outcome: refer ? 'refer' : 'approve', adjustmentBp: ((strategy?.params?.bp as number) ?? 0) + ((band?.params?.bp as number) ?? 0) };
    },
  };
}
