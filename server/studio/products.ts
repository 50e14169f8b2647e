import fs from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../engine/catalog.ts';
import type { FlowDocument } from '../engine/flow-document.ts';
import type { LocalizedText } from '../engine/text.ts';
import { HttpProblem } from '../http/problem.ts';
import type { ProductRecord, PublishedVersion, SampleApplication } from '../store/store.ts';

/** A product as the studio lists it (docs/http-api.md, ProductSummary). */
export interface ProductSummary {
  id: string;
  name: LocalizedText;
  kind: string;
  status: 'draft' | 'in-review' | 'published' | 'archived';
  latestVersion: number | null;
  channels: string[];
  revision: number;
  updatedAt: string;
  updatedBy: string;
  base?: { productId: string; version?: number };
  damage?: string; // the stored record is damaged: what is wrong (repair by saving a draft, or archive it)
}

/** The start block's config of a document (product metadata), if it has one. */
export function startConfig(document: FlowDocument): Record<string, unknown> | undefined {
  return document.blocks?.find((block) => block.type === 'application')?.config;
}

/** The summary of a stored product; channels come from the latest published version, else the draft. */
export function toSummary(record: ProductRecord, latest: PublishedVersion | undefined): ProductSummary {
  const draftChannels = startConfig(record.document)?.channels;
  const overrideChannels = record.document.overrides?.product?.channels;
  const channels = latest?.channels ?? (Array.isArray(overrideChannels) ? overrideChannels : Array.isArray(draftChannels) ? draftChannels : []);
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    status: record.archived ? 'archived' : record.status,
    latestVersion: latest?.version ?? null,
    channels: channels.map(String),
    revision: record.revision,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
    ...(record.document.base ? { base: record.document.base } : {}),
    ...(record.damage ? { damage: record.damage } : {}),
  };
}

/**
 * The ETag of a product as the studio reads it. It starts with the draft's revision (what
 * `If-Match` takes when saving) and also covers what changes without a new revision — the status
 * (submit, approve, reject, archive) and the latest published version — so a browser revalidating
 * its cached copy after an approval is not told "304, still in review".
 */
export function productEtag(summary: ProductSummary): string {
  return `"${summary.revision}-${summary.status}-${summary.latestVersion ?? 0}"`;
}

/** Whether a folder name can be an example (and template) id: lower-case kebab, so never a path. */
export const isExampleId = (id: string): boolean => /^[a-z][a-z0-9-]{0,63}$/.test(id);

/** Reads `examples/<id>/flow.json`, or undefined when that example does not exist. */
export function readExampleFlow(examplesDir: string, id: string): FlowDocument | undefined {
  const file = path.join(examplesDir, id, 'flow.json');
  if (!isExampleId(id) || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FlowDocument;
}

/** Reads `examples/<id>/samples/*.json` (sorted by file name); none when the folder is missing. */
export function readExampleSamples(examplesDir: string, id: string): SampleApplication[] {
  const folder = path.join(examplesDir, id, 'samples');
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as SampleApplication);
}

/** Replaces the start block's productId and name (a template copied under a new id). */
function renamed(document: FlowDocument, id: string, name: LocalizedText): FlowDocument {
  return {
    ...document,
    blocks: document.blocks.map((block) => (block.type === 'application' ? { ...block, config: { ...block.config, productId: id, name } } : block)),
  };
}

/** The request to create a product (POST /api/studio/products). */
export interface CreateProductRequest {
  from: 'empty' | 'template' | 'derived';
  id: string;
  name: LocalizedText;
  template?: string;
  base?: { productId: string; version?: number };
}

/**
 * The first draft of a new product: an empty canvas with just the start block (the application
 * block type's defaults under the new id and name), a copy of an example, or a derived product
 * that inherits everything from its base and overrides only the id and name.
 */
export function newProductDraft(request: CreateProductRequest, catalog: Catalog, examplesDir: string): { document: FlowDocument; samples: SampleApplication[] } {
  if (request.from === 'template') {
    const template = request.template ? readExampleFlow(examplesDir, request.template) : undefined;
    if (!template) throw new HttpProblem(422, 'TEMPLATE_UNKNOWN', 'No such template', { errors: [{ pointer: '/template', message: 'is not an example product' }] });
    return { document: renamed(template, request.id, request.name), samples: readExampleSamples(examplesDir, request.template!) };
  }
  if (request.from === 'derived') {
    if (!request.base) throw new HttpProblem(422, 'REQUEST_INVALID', 'A derived product needs a base', { errors: [{ pointer: '/base', message: 'is required' }] });
    return {
      document: { schemaVersion: 1, blocks: [], links: [], base: request.base, overrides: { product: { productId: request.id, name: request.name } } },
      samples: [],
    };
  }
  const start = catalog.blockTypes.get('application');
  const defaults = structuredClone((start?.defaults ?? {}) as Record<string, unknown>);
  return {
    document: {
      schemaVersion: 1,
      blocks: [{ id: 'start', type: 'application', typeVersion: start?.version ?? 1, config: { ...defaults, productId: request.id, name: request.name }, position: { x: 0, y: 0 } }],
      links: [],
    },
    samples: [],
  };
}

/** The product kind a draft declares (a derived product takes its base's kind). */
export function kindOf(document: FlowDocument, baseKind?: string): string {
  const kind = startConfig(document)?.kind;
  return typeof kind === 'string' ? kind : (baseKind ?? 'consumption');
}
