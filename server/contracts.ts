/**
 * The HTTP contract of the studio API (`/api/block-types`, `/api/studio`), type-only: the studio
 * imports these types (`import type`, erased at build) instead of keeping a copy, so a field the
 * server adds or changes reaches the studio's type check at once. Nothing here runs; everything
 * is the server's own definition or a wire shape built from it. docs/http-api.md describes each route.
 */
import type { BlockTypeInfo, JsonSchema } from './engine/block-type.ts';
import type { Diagnostic } from './engine/diagnostics.ts';
import type { FlowDocument } from './engine/flow-document.ts';
import type { PortKind } from './engine/ports.ts';
import type { ProductDefinition } from './engine/product-definition.ts';
import type { LocalizedText } from './engine/text.ts';
import type { VersionDiff } from './engine/compiler/diff.ts';
import type { Decision as ChannelDecision, TraceStep } from './engine/decision.ts';
import type { Review as StoredReview, SampleApplication, UserRecord } from './store/store.ts';
import type { ProductSummary } from './studio/products.ts';

export type { LocalizedText, Locale } from './engine/text.ts';
export type { BlockLabel, FlowBlock, FlowDocument, FlowLink } from './engine/flow-document.ts';
export type { DynamicOutputs, InputPort, OutputPort, PortKind } from './engine/ports.ts';
export type { BlockCategory, BlockRole, BlockTypeInfo, FieldHint, JsonSchema, UiHints } from './engine/block-type.ts';
export type { Diagnostic, Severity } from './engine/diagnostics.ts';
export type { ProductMeta } from './engine/product-meta.ts';
export type { ProductDefinition } from './engine/product-definition.ts';
export type { Offer, Reason, TraceStep } from './engine/decision.ts';
export type { ScheduleRow } from './engine/loan-math/schedule-result.ts';
export type { FieldChange, VersionDiff } from './engine/compiler/diff.ts';
export type { SampleApplication } from './store/store.ts';
export type { UserRole, UserView } from './auth/users.ts';
export type { ProductSummary } from './studio/products.ts';
export type { PublishedVersionSummary } from './studio/publishing.ts';
export type { SuiteRun } from './engine/suite/run-suite.ts';
export type { PortfolioMeta } from './simulation/portfolio-store.ts';
export type { SimulationJob } from './simulation/simulation-jobs.ts';
export type { ReviewImpact } from './simulation/impact.ts';
export type { SimulationReport } from './simulation/report.ts';
export type { ReasonLabels } from './simulation/report-labels.ts';

/** `GET /api/block-types`: the block catalog the studio builds its palette, forms and ports from. */
export interface BlockCatalog {
  blockTypes: BlockTypeInfo[];
  categories: string[];
  portKinds: PortKind[];
  applicationSchema: JsonSchema; // the standard application dictionary, $refs inlined
}

/** `POST /api/studio/compile`: the definition when there are no errors, the diagnostics, and each block's summary line. */
export interface CompileResult {
  product?: ProductDefinition;
  diagnostics: Diagnostic[];
  summaries: Record<string, LocalizedText>; // block id → one-line summary with its key figures (node subtitle)
  diagnosticsOmitted?: number; // diagnostics past the cap (20 of one code on one field, 500 in all), counted but not listed
}

export type ProductStatus = ProductSummary['status'];

/** `GET /api/studio/products/:id`: the product's draft with its diagnostics and stored samples. */
export interface ProductDetail extends ProductSummary {
  document: FlowDocument;
  diagnostics: Diagnostic[];
  samples: SampleApplication[];
}

/** The signed-in user (`GET /api/studio/session`). */
export type User = Omit<UserRecord, 'passwordHash'>;

/** `POST /api/studio/products/:id/simulate` body. */
export interface SimulateRequest {
  application: Record<string, unknown>;
  requestedAmount?: string;
  termMonths?: number;
  repaymentMethod?: string;
  asOf?: string; // YYYY-MM-DD
  channel?: string;
}

/** A review as the API lists it (the document and definition it carries stay on the server). */
export type Review = Omit<StoredReview, 'document' | 'definition'>;

/** `GET /api/studio/reviews/:reviewId`: the review with the diff against the published version and the definition to approve. */
export interface ReviewDetail extends Review {
  diff: VersionDiff;
  definition: ProductDefinition;
}

/**
 * A decision as the studio's simulation answers it (`POST /api/studio/products/:id/simulate`): always
 * with the block-by-block trace, which a channel gets only with `?include=trace`.
 */
export type Decision = ChannelDecision & { trace: TraceStep[] };
