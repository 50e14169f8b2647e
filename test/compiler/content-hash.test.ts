import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, pureSha256Hex } from '../../server/engine/compiler/hash.ts';

describe('content hash', () => {
  it("is the SHA-256 of the FIPS 180-2 test vectors with the engine's pure implementation", () => {
    expect(pureSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(pureSha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the same hash with the pure SHA-256 as with node:crypto, so published hashes stay valid', () => {
    const node = (text: string) => createHash('sha256').update(text).digest('hex');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(contentHash(value)).toBe(contentHash(value, node));
        expect(contentHash(value)).toBe(`sha256:${node(canonicalJson(value))}`);
      }),
      { seed: 1303, numRuns: 300 },
    );
    expect(contentHash({ name: { 'zh-CN': '工薪贷', en: 'Salaried' } })).toBe(contentHash({ name: { en: 'Salaried', 'zh-CN': '工薪贷' } }));
  });
});
