import { describe, expect, it } from 'vitest';
import { compileExpression, parseExpression } from '../../server/engine/expression/index.ts';
import { createGenerator, createListGenerator, seededRandom, type Kind } from './expression-generator.ts';
import { applicationSchema, applications } from './fixtures.ts';
import { oracle, sameValue, zenEvaluate } from './zen-oracle.ts';

const CORPUS_SIZE = 1500;
const KINDS: Kind[] = ['boolean', 'boolean', 'number', 'number', 'string'];

describe('agreement with GoRules ZEN', () => {
  const random = seededRandom(20240611);
  const generate = createGenerator(random);
  const corpus = Array.from({ length: CORPUS_SIZE }, () => {
    const kind = KINDS[Math.floor(random() * KINDS.length)];
    return { kind, source: generate(kind) };
  });

  it('accepts every generated expression', () => {
    const rejected = corpus
      .map(({ kind, source }) => ({ source, errors: compileExpression(source, { schema: applicationSchema, expected: kind }).errors }))
      .filter((r) => r.errors.length > 0)
      .map((r) => `${r.source}: ${r.errors[0].message.en}`);
    expect(rejected).toEqual([]);
  });

  it(`evaluates ${CORPUS_SIZE} random expressions exactly as ZEN does on every fixture application, and where ZEN fails on a null, as the documented null rule says`, () => {
    const disagreements: string[] = [];
    let zenAnswered = 0;
    let nullRuleDecided = 0;
    for (const { kind, source } of corpus) {
      const compiled = compileExpression(source, { schema: applicationSchema, expected: kind }).compiled;
      const ast = parseExpression(source).ast;
      if (!compiled || !ast) continue; // reported by the test above
      applications.forEach((application, index) => {
        const ours = compiled.evaluate(application);
        const direct = zenEvaluate(source, application);
        if ('value' in direct) {
          zenAnswered++;
          if (!sameValue(ours, direct.value)) disagreements.push(`#${index} ${source}: ours ${String(ours)}, ZEN ${String(direct.value)}`);
          return;
        }
        // ZEN raised a run-time error: a null (missing field, x / 0) met an operator other than ==, != and in.
        nullRuleDecided++;
        const expected = oracle(ast, application);
        if (!sameValue(ours, expected)) disagreements.push(`#${index} ${source}: ours ${String(ours)}, null rule ${String(expected)} (ZEN: ${direct.error})`);
      });
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(zenAnswered + nullRuleDecided).toBe(CORPUS_SIZE * applications.length);
    // Most of the corpus must compare against ZEN's own answer, not only against the null rule.
    expect(zenAnswered).toBeGreaterThan(nullRuleDecided * 2);
  });

  it('the null-rule oracle itself reproduces ZEN wherever ZEN answers', () => {
    const mismatches: string[] = [];
    for (const { source } of corpus.slice(0, 300)) {
      const ast = parseExpression(source).ast!;
      applications.forEach((application, index) => {
        const direct = zenEvaluate(source, application);
        if ('value' in direct && !sameValue(oracle(ast, application), direct.value)) mismatches.push(`#${index} ${source}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  it('evaluates 600 random list expressions (some, all, none, count, sum of map) exactly as ZEN does, and where ZEN fails on a null, as the null rule says', () => {
    const random = seededRandom(20261203);
    const generate = createListGenerator(random);
    const disagreements: string[] = [];
    const rejected: string[] = [];
    let zenAnswered = 0;
    for (let i = 0; i < 600; i++) {
      const kind = random() < 0.6 ? 'boolean' : 'number';
      const source = generate(kind);
      const { compiled, errors } = compileExpression(source, { schema: applicationSchema, expected: kind });
      if (!compiled) {
        rejected.push(`${source}: ${errors[0].message.en}`);
        continue;
      }
      const ast = parseExpression(source).ast!;
      applications.forEach((application, index) => {
        const ours = compiled.evaluate(application);
        const direct = zenEvaluate(source, application);
        if ('value' in direct) {
          zenAnswered++;
          if (!sameValue(ours, direct.value)) disagreements.push(`#${index} ${source}: ours ${String(ours)}, ZEN ${String(direct.value)}`);
          return;
        }
        const expected = oracle(ast, application);
        if (!sameValue(ours, expected)) disagreements.push(`#${index} ${source}: ours ${String(ours)}, null rule ${String(expected)} (ZEN: ${direct.error})`);
      });
    }
    expect(rejected).toEqual([]);
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(zenAnswered).toBeGreaterThan(600 * applications.length * 0.4);
  });
});
