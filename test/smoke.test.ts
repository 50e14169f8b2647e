import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
describe('toolchain', () => {
  it('adds money exactly with decimal.js', () => {
    expect(new Decimal('0.1').plus('0.2').toFixed(2)).toBe('0.30');
  });
});
