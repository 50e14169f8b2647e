import type { Catalog } from '../catalog.ts';
import type { ProductDefinition } from '../product-definition.ts';
import { buildEvaluator, type Evaluator } from './evaluator.ts';
import type { DecideInput } from './request.ts';

const cache = new Map<string, Evaluator>();
const CACHE_LIMIT = 100;

/** Decides with the evaluator for this definition's hash, built once and reused. */
export function decide(definition: ProductDefinition, catalog: Catalog, input: DecideInput): ReturnType<Evaluator['decide']> {
  const key = `${definition.hash}:${definition.version}`;
  let evaluator = cache.get(key);
  if (!evaluator) {
    evaluator = buildEvaluator(definition, catalog);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, evaluator);
  }
  return evaluator.decide(input);
}
