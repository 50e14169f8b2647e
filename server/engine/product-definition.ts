import type { ProductMeta } from './product-meta.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { BlockLabel, FlowLink } from './flow-document.ts';

/**
 * A compiled product (product-schemas/product.schema.json): what channels fetch and the runtime
 * loads. Content-hashed; immutable once published. Blocks are migrated to their type's current
 * version and, for a derived product, already merged with the base.
 */
export interface ProductDefinition {
  format: 'loan-product-definition/1'; // format of this document
  product: ProductMeta; // from the start block
  version: number | null; // published version, null for a draft compile
  hash: string; // "sha256:<hex>" of the canonical JSON of everything but hash and version
  base?: { productId: string; version: number | null; hash: string }; // derived products: the base compiled in
  start: string; // id of the start block
  blocks: DefinitionBlock[]; // every block reachable from start, in topological order
  links: FlowLink[];
  applicationSchema: object; // JSON Schema of the application fields this product's blocks read
  display: ProductDisplay; // what a channel shows: amount range, terms, methods, rate range, fees
  warnings: Diagnostic[]; // compile warnings kept for reviewers
}

/** A block as compiled: type, version and its (validated, migrated, merged) config. */
export interface DefinitionBlock {
  id: string;
  type: string;
  typeVersion: number;
  config: Record<string, unknown>;
  label?: BlockLabel;
}

/** Display texts and pickers for channels (products.md, section C). */
export interface ProductDisplay {
  name: ProductMeta['name'];
  tagline?: ProductMeta['tagline'];
  currency: 'CNY';
  amount: { min: string; max: string; step: string };
  termsMonths: number[]; // every term some path allows
  repaymentMethods: string[]; // every method some path allows
  rateRange: { min: string; max: string }; // annual %, simple
  aprLabel: { 'zh-CN': string; en: string }; // "年化利率（单利）3.30%–4.50%"
  fees: { code: string; label: ProductMeta['name'] }[]; // empty = 无其他费用
  lender?: ProductMeta['lender'];
  representativeExample?: RepresentativeExample; // absent when no path can make one (and in definitions compiled before it existed)
}

/**
 * The representative example a channel prints next to the price, fees included (PBOC 〔2021〕
 * No. 3): "以借款 10 万元、期限 12 个月、等额本息为例，年化利率（单利）7.48%" (compiler/representative-example.ts).
 */
export interface RepresentativeExample {
  amount: string; // money the example borrows: 100,000 clamped into what the product approves
  termMonths: number; // 12, or the allowed term nearest to it
  method: string; // equal-installment when offered, else the default method
  annualRate: string; // the contract rate of the example: the lowest rate, annual %, 4 decimals
  apr: { simple: string; compound: string }; // fees included, % with 4 decimals
  fees: string; // the example's fees in total (money)
  text: { 'zh-CN': string; en: string }; // the sentence to print
}
