import fs from 'node:fs';
import path from 'node:path';
import type { ProductMeta } from '../../server/engine/product-meta.ts';

/**
 * A block case: data-driven example of one block type (server/blocks/<type>/cases/*.json).
 * Either `expected.diagnostics` (the config must be refused with these codes at these pointers)
 * or `expected.result` (compile cleanly, evaluate `application`, and match this partial result).
 */
export interface BlockCase {
  description: string; // a behaviour sentence: "declines an applicant aged 66"
  config: Record<string, unknown>;
  application?: Record<string, unknown>; // must be valid against product-schemas/application.schema.json
  request?: { asOf?: string; requestedAmount?: string; termMonths?: number; repaymentMethod?: string; channel?: string };
  product?: Partial<ProductMeta>; // overrides of the test product below
  offer?: Record<string, unknown>; // contributions made earlier on the path (Contribution)
  expected: {
    diagnostics?: { code: string; pointer?: string }[];
    result?: Record<string, unknown>; // partial BlockResult, Decimal values compared as strings
    reads?: string[]; // application paths the block must declare it reads
  };
}

export const TEST_PRODUCT: ProductMeta = {
  productId: 'case-product',
  name: { 'zh-CN': '测试产品', en: 'Case product' },
  kind: 'consumption',
  currency: 'CNY',
  channels: ['app', 'branch'],
  amount: { min: '1000', max: '500000', step: '1000' },
  termMonths: { min: 1, max: 60 },
  lprReference: { tenor: '1Y', rate: '3.00', effectiveDate: '2025-05-20' },
};

const BLOCKS_DIR = new URL('../../server/blocks/', import.meta.url);

/** Every cases/*.json of every block folder, as [type, file, case]. */
export function loadBlockCases(): { type: string; file: string; testCase: BlockCase }[] {
  const dir = BLOCKS_DIR.pathname;
  const found: { type: string; file: string; testCase: BlockCase }[] = [];
  for (const type of fs.readdirSync(dir).sort()) {
    const casesDir = path.join(dir, type, 'cases');
    if (!fs.existsSync(casesDir)) continue;
    for (const file of fs
      .readdirSync(casesDir)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      found.push({ type, file, testCase: JSON.parse(fs.readFileSync(path.join(casesDir, file), 'utf8')) });
    }
  }
  return found;
}
