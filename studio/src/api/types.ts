/**
 * The few server contract types the studio needs, copied from server/engine (the studio imports
 * nothing from server/) and docs/http-api.md. Keep in step with those files.
 */

/** A text shown to people, in both UI languages. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}
export type Locale = keyof LocalizedText;

/** The authoring document (product-schemas/flow.schema.json). */
export interface FlowDocument {
  schemaVersion: 1;
  blocks: FlowBlock[];
  links: FlowLink[];
  base?: { productId: string; version?: number };
  overrides?: { product?: Record<string, unknown>; blocks?: Record<string, Record<string, unknown>> };
}

/** One block instance on the canvas. */
export interface FlowBlock {
  id: string;
  type: string;
  typeVersion: number;
  config: Record<string, unknown>;
  position: { x: number; y: number };
  label?: BlockLabel;
}

/** A block's own name: one per UI language, or (older documents) one text for both. */
export type BlockLabel = string | LocalizedText;

/** A link from an output port to an input port. */
export interface FlowLink {
  id: string;
  from: { block: string; port: string };
  to: { block: string; port: string };
}

/** What travels along a link: an application still in the running, or one a gate failed. */
export type PortKind = 'application' | 'rejection';

export interface OutputPort {
  id: string;
  label: LocalizedText;
  kind: PortKind;
}

export interface InputPort {
  id: string;
  label: LocalizedText;
  accepts: PortKind[];
}

/** Router outputs generated from the config (one per branch). */
export interface DynamicOutputs {
  arrayKey: string;
  idKey: string;
  labelKey: string;
  kind: PortKind;
}

/** UI hints for one config field. */
export interface FieldHint {
  label?: LocalizedText;
  help?: LocalizedText;
  unit?: 'CNY' | '%' | 'bp' | 'months' | 'days' | 'years' | 'mu' | 'CNY/mu' | '×';
  widget?: 'expression' | 'decision-table' | 'tags' | 'textarea' | 'date' | 'month-day';
  enumLabels?: Record<string, LocalizedText>;
  showIf?: { field: string; equals: unknown };
}

export interface UiHints {
  order?: string[];
  fields?: Record<string, FieldHint>;
}

export type BlockCategory = 'start' | 'eligibility' | 'segment' | 'limit' | 'pricing' | 'fee' | 'repayment' | 'outcome';
export type BlockRole = 'start' | 'gate' | 'router' | 'contributor' | 'outcome';

/** A block type as GET /api/block-types describes it. */
export interface BlockTypeInfo {
  type: string;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  category: BlockCategory;
  icon: string;
  keywords: string[];
  configSchemaId: string;
  defaults: Record<string, unknown>;
  ui: UiHints;
  role: BlockRole;
  provides?: string[];
  inputs: InputPort[];
  outputs: OutputPort[];
  dynamicOutputs?: DynamicOutputs;
  configSchema: JsonSchema;
  migrations: { from: number; to: number; name: string }[];
}

/** A JSON Schema, loosely typed: the studio only walks it. */
export type JsonSchema = Record<string, any>;

export interface BlockCatalog {
  blockTypes: BlockTypeInfo[];
  categories: (string | { id: string; title?: LocalizedText })[];
  portKinds: PortKind[];
  applicationSchema: JsonSchema;
}

export type Severity = 'error' | 'warning' | 'info';

/** One compiler finding. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: LocalizedText;
  blockId?: string;
  linkId?: string;
  pointer: string;
  line?: number;
  column?: number;
  length?: number;
}

export interface ProductMeta {
  productId: string;
  name: LocalizedText;
  kind: 'business' | 'consumption' | 'agriculture';
  currency: 'CNY';
  channels: string[];
  amount: { min: string; max: string; step: string };
  termMonths: { min: number; max: number };
}

/** A compiled product (only the parts the studio reads). */
export interface ProductDefinition {
  format: string;
  product: ProductMeta;
  version: number | null;
  hash: string;
  start: string;
  blocks: { id: string; type: string; typeVersion: number; config: Record<string, unknown>; label?: BlockLabel }[];
  links: FlowLink[];
  applicationSchema: JsonSchema;
  display: {
    amount: { min: string; max: string; step: string };
    termsMonths: number[];
    repaymentMethods: string[];
    rateRange: { min: string; max: string };
    aprLabel: LocalizedText;
  };
  warnings: Diagnostic[];
}

export interface CompileResult {
  product?: ProductDefinition;
  diagnostics: Diagnostic[];
  summaries?: Record<string, LocalizedText>; // node subtitles from the block types' summarize
}

export type ProductStatus = 'draft' | 'in-review' | 'published' | 'archived';

export interface ProductSummary {
  id: string;
  name: LocalizedText;
  kind: string;
  status: ProductStatus;
  latestVersion: number | null;
  channels: string[];
  revision: number;
  updatedAt: string;
  updatedBy: string;
  base?: { productId: string; version?: number };
}

/** A stored sample application (shape kept loose: the server's seed decides it). */
export interface SampleApplication {
  id?: string;
  name?: LocalizedText | string;
  label?: LocalizedText | string;
  description?: LocalizedText | string;
  title?: LocalizedText | string;
  application?: Record<string, unknown>;
  request?: { requestedAmount?: string; termMonths?: number; repaymentMethod?: string; asOf?: string; channel?: string };
  requestedAmount?: string;
  termMonths?: number;
  repaymentMethod?: string;
  asOf?: string;
  [key: string]: unknown;
}

export interface ProductDetail extends ProductSummary {
  document: FlowDocument;
  diagnostics: Diagnostic[];
  samples: SampleApplication[];
}

export interface User {
  username: string;
  displayName: string;
  roles: ('author' | 'approver' | 'admin')[];
}

export interface Reason {
  code: string;
  message: LocalizedText;
  blockId: string;
  action: 'decline' | 'refer' | 'note';
}

export interface TraceStep {
  blockId: string;
  type: string;
  result: string;
  port?: string;
  facts?: Record<string, unknown>;
  reasonCodes?: string[];
}

export interface ScheduleRow {
  period: number;
  dueDate?: string;
  days?: number;
  payment: string;
  principal: string;
  interest: string;
  fee?: string;
  due?: string;
  balance: string;
}

export interface Offer {
  currency: 'CNY';
  limit: string;
  caps: { blockId: string; code: string; amount: string; label: LocalizedText }[];
  amount: string;
  termMonths: number;
  repaymentMethod: string;
  rate: { annual: string; base: { annualRate: string; source: string; spreadBp?: number }; adjustments: { bp: number; code: string; label: LocalizedText; blockId: string }[]; clampedTo?: 'floor' | 'ceiling' };
  borrowerRate?: string;
  fees: { code: string; label: LocalizedText; amount: string; timing: 'upfront' | 'periodic' }[];
  subsidy?: { code: string; label: LocalizedText; amount: string; settlement: string };
  apr: { simple: string; compound: string };
  schedule: {
    rows: ScheduleRow[];
    totals: { payment: string; principal: string; interest: string; fees: string };
    apr: { simple: string; compound: string };
    netDisbursed: string;
    annualRate: string;
  };
}

export interface Decision {
  outcome: 'approve' | 'refer' | 'decline';
  reasons: Reason[];
  offer?: Offer;
  trace: TraceStep[];
  product: { id: string; version: number | null; hash: string };
  asOf: string;
}

export interface SimulateRequest {
  application: Record<string, unknown>;
  requestedAmount?: string;
  termMonths?: number;
  repaymentMethod?: string;
  asOf?: string;
  channel?: string;
}

export interface Review {
  id: string;
  productId: string;
  status: 'open' | 'approved' | 'rejected';
  kind: 'publish' | 'rollback' | 'archive';
  submittedBy: string;
  submittedAt: string;
  comment: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  baseVersion: number | null;
  hash: string;
  rollbackOf?: number;
}

export interface FieldChange {
  pointer: string;
  before: unknown;
  after: unknown;
}

export interface VersionDiff {
  from: number | string | null;
  to: number | string;
  blocks: {
    added: { id: string; type: string }[];
    removed: { id: string; type: string }[];
    changed: { id: string; type: string; fields: FieldChange[] }[];
  };
  links: { added: FlowLink[]; removed: FlowLink[] };
  product: FieldChange[];
}

export interface ReviewDetail extends Review {
  diff: VersionDiff;
  definition: ProductDefinition;
}

export interface PublishedVersionSummary {
  version: number;
  hash: string;
  publishedAt: string;
  submittedBy: string;
  approvedBy: string;
  channels: string[];
}
