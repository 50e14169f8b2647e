import { computeSchedule, parseScheduleRequest } from '../engine/loan-math/index.ts';
import type { ProductDefinition, ProductDisplay, RepresentativeExample } from '../engine/product-definition.ts';
import type { RuntimeEntry } from './runtime-registry.ts';

/** The representative loan whose APR the product list shows (PBOC 2021 No. 3: APR next to the price). */
export interface RepresentativeApr {
  simple: string; // annual %, 4 decimals (年化利率（单利）)
  compound: string;
  example: { amount: string; termMonths: number; method: string; annualRate: string };
}

/** One product in `GET /api/v1/products`. */
export interface ChannelProductSummary {
  id: string;
  name: ProductDisplay['name'];
  kind: string;
  version: number;
  hash: string;
  amount: ProductDisplay['amount'];
  termsMonths: number[];
  repaymentMethods: string[];
  rateRange: ProductDisplay['rateRange'];
  representativeApr: RepresentativeApr | null; // null when no representative loan can be computed
  representativeExample: RepresentativeExample | null; // the example to print next to the price, fees included; null when none
  aprLabel: ProductDisplay['aprLabel'];
}

/** One representation of `GET /products/:id`: the body serialized once, and its ETag. */
export interface ProductRepresentation {
  body: Buffer;
  etag: string;
}

/** What the channel routes serve for one version, computed once per version. */
export interface ProductViews {
  card: ProductRepresentation; // the product card every key gets: ETag "\"<hash>\""
  full: () => ProductRepresentation; // the card plus the compiled definition (scope definition:read), built on first use
  summary: ChannelProductSummary;
}

/** The product card: what a customer may see (docs/http-api.md, OpenAPI ProductCard), never the rules. */
export type ChannelProductCard = ChannelProductSummary & {
  applicationSchema: ProductDefinition['applicationSchema'];
  display: ProductDisplay;
};

const views = new WeakMap<RuntimeEntry, ProductViews>();

/**
 * The pre-serialized representations and list summary of a version (cached per entry). The card
 * carries what a channel shows and needs to apply — name, amounts, terms, repayment methods, rates,
 * representative APR, fees, display texts, the application form schema — and nothing of the
 * product's rules, thresholds or strategy tables; those are in `definition`, only for keys granted
 * `definition:read`. The full representation has its own ETag (`"<hash>;definition"`).
 */
export function productViews(entry: RuntimeEntry): ProductViews {
  let prepared = views.get(entry);
  if (!prepared) {
    const { definition } = entry.record;
    const summary = summarize(entry);
    const card: ChannelProductCard = { ...summary, applicationSchema: definition.applicationSchema, display: definition.display };
    let full: ProductRepresentation | undefined;
    prepared = {
      card: { body: Buffer.from(JSON.stringify(card)), etag: `"${entry.hash}"` },
      full: () => (full ??= { body: Buffer.from(JSON.stringify({ ...card, definition })), etag: `"${entry.hash};definition"` }),
      summary,
    };
    views.set(entry, prepared);
  }
  return prepared;
}

function summarize(entry: RuntimeEntry): ChannelProductSummary {
  const { definition } = entry.record;
  const display = definition.display;
  return {
    id: entry.productId,
    name: display.name,
    kind: definition.product.kind,
    version: entry.version,
    hash: entry.hash,
    amount: display.amount,
    termsMonths: display.termsMonths,
    repaymentMethods: display.repaymentMethods,
    rateRange: display.rateRange,
    representativeApr: representativeApr(display),
    representativeExample: productRepresentativeExample(definition),
    aprLabel: display.aprLabel,
  };
}

/**
 * The representative example of a product (PBOC 〔2021〕 No. 3, fees included): "以借款 10 万元、期限
 * 12 个月、等额本息为例，年化利率（单利）x.xx%", computed by the compiler with the product's own fees on
 * an amount and term it approves (`display.representativeExample`). The listing and the product
 * card both show it; null for a definition compiled before it existed or one that cannot make it.
 */
export function productRepresentativeExample(definition: Pick<ProductDefinition, 'display'>): RepresentativeExample | null {
  return definition.display.representativeExample ?? null;
}

const EXAMPLE_AMOUNT = 10_000;
const EXAMPLE_TERM = 12;

/**
 * APR of the representative loan. From the compiled representative example when the definition
 * has one (fees included, an amount and term the product approves); for definitions compiled
 * before it: 10,000 (clamped into the product's amount range) over 12 months (or the allowed term
 * nearest to it), the first repayment method, the lowest rate, without fees (that display carries
 * no fee amounts).
 */
export function representativeApr(display: ProductDisplay): RepresentativeApr | null {
  const example = display.representativeExample;
  if (example) return { simple: example.apr.simple, compound: example.apr.compound, example: { amount: example.amount, termMonths: example.termMonths, method: example.method, annualRate: example.annualRate } };
  const method = display.repaymentMethods[0];
  if (!method) return null;
  const amount = Math.min(Math.max(EXAMPLE_AMOUNT, Number(display.amount.min)), Number(display.amount.max)).toFixed(2);
  const termMonths = nearestTerm(display.termsMonths);
  const { request } = parseScheduleRequest({ principal: amount, annualRate: display.rateRange.min, termMonths, method });
  if (!request) return null;
  try {
    const { apr } = computeSchedule(request);
    return { simple: apr.simple, compound: apr.compound, example: { amount, termMonths, method, annualRate: display.rateRange.min } };
  } catch {
    return null;
  }
}

function nearestTerm(terms: number[]): number {
  if (terms.length === 0 || terms.includes(EXAMPLE_TERM)) return EXAMPLE_TERM;
  return terms.reduce((best, term) => (Math.abs(term - EXAMPLE_TERM) < Math.abs(best - EXAMPLE_TERM) ? term : best));
}
