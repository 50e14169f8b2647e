import type { LocalizedText } from './text.ts';

/** The product's kind drives the legal limits (regulation.md A8). */
export type ProductKind = 'business' | 'consumption' | 'agriculture';

/** Product metadata, from the `application` start block's config. */
export interface ProductMeta {
  productId: string; // stable id, kebab-case, e.g. "mortgage-fast"
  name: LocalizedText; // 房抵快贷 / Fast house-collateral loan
  kind: ProductKind;
  currency: 'CNY';
  channels: string[]; // channels it is published to: app, mini-program, branch, pad, partner
  amount: { min: string; max: string; step: string }; // money bounds of the loan
  termMonths: { min: number; max: number }; // term bounds
  lprReference?: { tenor: '1Y' | '5Y'; rate: string; effectiveDate: string }; // LPR used for lint and LPR pricing
  online?: boolean; // lent over internet channels (internet-lending caps apply)
  tagline?: LocalizedText;
  lender?: LocalizedText; // lender's full legal name, shown on channel pages
}
