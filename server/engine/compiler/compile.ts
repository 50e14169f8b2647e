import { APPLICATION_SCHEMA_ID, FLOW_SCHEMA_ID, type Catalog } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { FlowDocument } from '../flow-document.ts';
import type { ProductDefinition } from '../product-definition.ts';
import type { ProductMeta } from '../product-meta.ts';
import { productApplicationSchema, readFieldsSchema } from './application-schema.ts';
import { compileBlocks } from './blocks-pass.ts';
import { diagnostic, hasErrors } from './diagnostic.ts';
import { capErrors } from '../error-cap.ts';
import { buildDisplay } from './display.ts';
import { buildGraph } from './graph.ts';
import { contentHash } from './hash.ts';
import { checkOfferPaths, checkOpenOutputs, offerPaths } from './paths.ts';
import { findStart } from './product-meta.ts';
import { blocksOnEveryPath } from './dominators.ts';
import { regulatoryLint } from './regulatory-lint.ts';
import { advertisedLint, representativeExample } from './representative-example.ts';
import { resolveDerived, type BaseResolver } from './resolve-base.ts';

export interface CompileOptions {
  catalog: Catalog;
  resolveBase?: BaseResolver; // finds a derived product's base document (latest or pinned version)
  version?: number | null; // the published version this compile is for (null for a draft)
}

export interface CompileResult {
  product?: ProductDefinition; // present when there is no error diagnostic
  diagnostics: Diagnostic[]; // errors, warnings and notes, each pointing at a block and field
  resolved?: FlowDocument; // the document after merging a derived product into its base
  diagnosticsOmitted?: number; // document errors past the cap (ERROR_CAP): counted, not listed
}

/** Metadata used to keep compiling the other blocks when the start block itself is broken. */
const FALLBACK_META: ProductMeta = {
  productId: 'unknown',
  name: { 'zh-CN': '', en: '' },
  kind: 'consumption',
  currency: 'CNY',
  channels: [],
  amount: { min: '0', max: '0', step: '1' },
  termMonths: { min: 1, max: 1 },
};

/**
 * Turns a flow document into a validated, content-hashed product definition. Never throws: every
 * problem, including an unexpected one, comes back as a diagnostic.
 */
export function compile(document: unknown, options: CompileOptions): CompileResult {
  try {
    return compileChecked(document, options);
  } catch (error) {
    return { diagnostics: [diagnostic('DOCUMENT_INVALID', 'error', '', `无法编译该文档：${(error as Error).message}`, `The document could not be compiled: ${(error as Error).message}`)] };
  }
}

function compileChecked(input: unknown, { catalog, resolveBase, version = null }: CompileOptions): CompileResult {
  const diagnostics: Diagnostic[] = [];
  const tooMany = countLimits(input, catalog);
  if (tooMany) return { diagnostics: [tooMany] };
  const problems = catalog.schemas.check(FLOW_SCHEMA_ID, input);
  if (problems.length) {
    const { kept, omitted: more } = capErrors(problems);
    const omitted = more + (problems.omitted ?? 0);
    return {
      diagnostics: kept.map((p) =>
        diagnostic('DOCUMENT_INVALID', 'error', p.pointer, `流程文档 ${p.pointer || '/'} 无效：${p.messageZh ?? p.message}`, `Flow document ${p.pointer || '/'} is invalid: ${p.message}`),
      ),
      ...(omitted ? { diagnosticsOmitted: omitted } : {}),
    };
  }
  const derived = resolveDerived(input as FlowDocument, resolveBase, diagnostics);
  if (!derived) return { diagnostics };
  const document = derived.document;
  checkDuplicateIds(document, diagnostics);

  const start = findStart(document.blocks, catalog, diagnostics);
  const standard = catalog.schemas.schema(APPLICATION_SCHEMA_ID)!;
  const fullSchema = productApplicationSchema(standard, start?.extraFields ?? {});
  const meta = start?.meta ?? FALLBACK_META;
  const blocks = compileBlocks(document.blocks, catalog, meta, fullSchema, diagnostics);
  const graph = buildGraph(blocks, document.links, start?.start.id ?? '', diagnostics);
  checkOpenOutputs(graph, diagnostics);
  checkOfferPaths(graph, diagnostics);

  const onPath = graph.order.map((id) => graph.nodes.get(id)!);
  if (!start || hasErrors(diagnostics) || !onPath.every((compiled) => compiled.ok)) {
    return { diagnostics: sortDiagnostics(diagnostics), resolved: document };
  }
  const { paths } = offerPaths(graph);
  diagnostics.push(...regulatoryLint(meta, paths, graph.nodes.get(start.start.id)!));
  const display = buildDisplay(meta, onPath, representativeExample(meta, paths));
  diagnostics.push(...advertisedLint(meta, paths, graph.nodes.get(start.start.id)!, display.rateRange.min));
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), resolved: document };

  const mandatory = blocksOnEveryPath(graph);
  const reachableLinks = graph.validLinks.filter((link) => graph.reachable.has(link.from.block));
  const body = {
    format: 'loan-product-definition/1' as const,
    product: meta,
    ...(derived.base ? { base: derived.base } : {}),
    start: start.start.id,
    blocks: onPath.map(({ block }) => ({ id: block.id, type: block.type, typeVersion: block.typeVersion, config: block.config, ...(block.label ? { label: block.label } : {}) })),
    links: reachableLinks,
    applicationSchema: readFieldsSchema(
      fullSchema,
      onPath.flatMap((compiled) => (mandatory.has(compiled.block.id) ? compiled.reads : compiled.reads.map((read) => ({ ...read, required: false })))),
    ),
    display,
    warnings: sortDiagnostics(diagnostics),
  };
  const product: ProductDefinition = { ...body, version, hash: contentHash(body, catalog.sha256Hex) };
  return { product, diagnostics: product.warnings, resolved: document };
}

/**
 * The block and link counts, checked against the flow schema's own `maxItems` before the schema
 * check runs, so an oversized document costs one comparison instead of a validation of every item.
 */
function countLimits(input: unknown, catalog: Catalog): Diagnostic | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const properties = (catalog.schemas.schema(FLOW_SCHEMA_ID) as { properties: Record<string, { maxItems?: number }> }).properties;
  for (const name of ['blocks', 'links'] as const) {
    const items = (input as Record<string, unknown>)[name];
    const max = properties[name].maxItems;
    if (Array.isArray(items) && max !== undefined && items.length > max) {
      return diagnostic(
        'DOCUMENT_INVALID',
        'error',
        `/${name}`,
        `流程文档的 ${name} 超过 ${max} 项（共 ${items.length} 项）`,
        `The flow document has ${items.length} ${name}, more than the ${max} allowed`,
      );
    }
  }
  return undefined;
}

function checkDuplicateIds(document: FlowDocument, diagnostics: Diagnostic[]): void {
  for (const [kind, items] of [
    ['blocks', document.blocks],
    ['links', document.links],
  ] as const) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id))
        diagnostics.push(
          diagnostic('DUPLICATE_ID', 'error', `/${kind}/${index}/id`, `id “${item.id}” 重复`, `Duplicate id "${item.id}"`, kind === 'blocks' ? { blockId: item.id } : { linkId: item.id }),
        );
      seen.add(item.id);
    });
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const sortDiagnostics = (diagnostics: Diagnostic[]): Diagnostic[] => [...diagnostics].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
