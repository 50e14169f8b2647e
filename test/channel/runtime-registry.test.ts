import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../server/catalog.ts';
import { RuntimeRegistry, type EvaluatorBuilder } from '../../server/channel/runtime-registry.ts';
import { MemoryStore } from '../server/fakes/memory-store.ts';
import { definitionFixture, fakeBuildEvaluator, publishedVersion } from './fixtures.ts';

const catalog = defaultCatalog();
const version = (n: number, rate = `${n}.5`, productId = 'p') => publishedVersion(definitionFixture({ productId, annualRate: rate, channels: ['app'] }), n);

/** Counts builds, so tests can tell "built once" from "built per request". */
function countingBuilder() {
  const built: string[] = [];
  const build: EvaluatorBuilder = (definition, c) => {
    built.push(`${definition.product.productId}@${definition.version}`);
    return fakeBuildEvaluator(definition, c);
  };
  return { build, built };
}

describe('RuntimeRegistry', () => {
  it('builds one evaluator per product’s latest version at load', async () => {
    const store = new MemoryStore();
    for (const productId of ['a', 'b']) {
      await store.publish(version(1, '4', productId), 'system');
      await store.publish(version(2, '5', productId), 'system');
    }
    const { build, built } = countingBuilder();
    const runtime = new RuntimeRegistry(catalog, { build });
    expect(runtime.ready).toBe(false);
    expect(await runtime.load(store)).toEqual({ loaded: 2, failed: [] });
    expect(runtime.ready).toBe(true);
    expect(built.sort()).toEqual(['a@2', 'b@2']);
    expect(runtime.latest('a')?.version).toBe(2);
    runtime.latest('a');
    expect(built).toHaveLength(2);
  });

  it('keeps the old version serving when the new evaluator cannot be built', () => {
    const runtime = new RuntimeRegistry(catalog, {
      build: (definition, c) => {
        if (definition.version === 2) throw new Error('broken definition');
        return fakeBuildEvaluator(definition, c);
      },
    });
    runtime.publish(version(1));
    expect(() => runtime.publish(version(2))).toThrow('broken definition');
    expect(runtime.latest('p')?.version).toBe(1);
  });

  it('swaps the latest pointer to a newly published version and bumps the generation', () => {
    const runtime = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
    runtime.publish(version(1));
    const before = runtime.latest('p')!;
    const generation = runtime.generation;
    runtime.publish(version(2));
    expect(runtime.latest('p')?.version).toBe(2);
    expect(runtime.generation).toBe(generation + 1);
    expect(before.version).toBe(1); // an entry a request already holds never changes
    expect(before.evaluator.definition.version).toBe(1);
  });

  it('never moves the latest pointer back when an older version arrives late', () => {
    const runtime = new RuntimeRegistry(catalog, { build: fakeBuildEvaluator });
    runtime.publish(version(3));
    runtime.publish(version(2));
    expect(runtime.latest('p')?.version).toBe(3);
  });

  it('builds an older version on demand once and keeps at most historySize of them', async () => {
    const store = new MemoryStore();
    for (let n = 1; n <= 5; n += 1) await store.publish(version(n), 'system');
    const { build, built } = countingBuilder();
    const runtime = new RuntimeRegistry(catalog, { build, historySize: 2 });
    await runtime.load(store);
    const [first, second] = await Promise.all([runtime.get('p', 1), runtime.get('p', 1)]);
    expect(first?.version).toBe(1);
    expect(second).toBe(first);
    expect(built.filter((b) => b === 'p@1')).toHaveLength(1);
    await runtime.get('p', 2);
    await runtime.get('p', 3); // evicts version 1 (least recently used)
    await runtime.get('p', 1);
    expect(built.filter((b) => b === 'p@1')).toHaveLength(2);
    expect(await runtime.get('p', 9)).toBeUndefined();
    expect(await runtime.get('nope', 1)).toBeUndefined();
    expect((await runtime.get('p', 5))?.version).toBe(5);
  });
});
