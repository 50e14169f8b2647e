import { Router } from 'express';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { FLOW_SCHEMA_ID } from '../engine/catalog.ts';
import type { FlowDocument } from '../engine/flow-document.ts';
import type { LocalizedText } from '../engine/text.ts';
import { HttpProblem } from '../http/problem.ts';
import type { StudioContext } from '../studio/context.ts';
import { hasErrors } from '../studio/compile-service.ts';
import { assertNotArchived, assertNotDamaged, ifMatchRevision, param, productOr404, today } from '../studio/lookup.ts';
import { kindOf, newProductDraft, productEtag, toSummary, type CreateProductRequest } from '../studio/products.ts';
import { reviewView } from '../studio/publishing.ts';
import { readBody } from '../studio/requests.ts';

const AUTHORS = ['author', 'admin'] as const;

/** A document that fails flow.schema.json: 422 DOCUMENT_INVALID with pointers under /document. */
function checkDocument(ctx: StudioContext, document: unknown): FlowDocument {
  const problems = ctx.catalog.schemas.check(FLOW_SCHEMA_ID, document);
  if (problems.length) {
    throw new HttpProblem(422, 'DOCUMENT_INVALID', 'The flow document does not match the flow schema', {
      errors: problems.map((problem) => ({ pointer: `/document${problem.pointer}`, message: problem.message })),
      ...(problems.omitted ? { errorsOmitted: problems.omitted } : {}),
    });
  }
  return document as FlowDocument;
}

/**
 * Two products with one name cannot be told apart in a channel's list or a review: a name already
 * used (in either language, ignoring case and surrounding spaces) by another product is refused.
 */
async function assertNameFree(store: StudioContext['store'], name: LocalizedText, except?: string): Promise<void> {
  const norm = (text: string | undefined) => (text ?? '').trim().toLowerCase();
  for (const other of await store.listProducts()) {
    if (other.id === except || other.archived) continue;
    for (const language of ['zh-CN', 'en'] as const) {
      if (norm(other.name[language]) && norm(other.name[language]) === norm(name[language])) {
        throw new HttpProblem(409, 'PRODUCT_NAME_TAKEN', `Product ${other.id} is already called "${other.name[language]}"`, {
          errors: [{ pointer: `/name/${language}`, message: `is already the name of product ${other.id}` }],
          productId: other.id,
        });
      }
    }
  }
}

/** Copies a new name into the draft's product metadata (start block, or a derived product's overrides). */
function withName(document: FlowDocument, name: LocalizedText): FlowDocument {
  if (document.base) return { ...document, overrides: { ...document.overrides, product: { ...document.overrides?.product, name } } };
  return { ...document, blocks: document.blocks.map((block) => (block.type === 'application' ? { ...block, config: { ...block.config, name } } : block)) };
}

/**
 * `/api/studio/products`: list, create (empty, from a template, derived), read with diagnostics,
 * save the draft under If-Match (409 on a stale revision, nothing overwritten), rename, archive,
 * and simulate an application against the current draft.
 */
export function productsRouter(ctx: StudioContext): Router {
  const router = Router();
  const { store } = ctx;

  router.get('/products', requireRole(), async (_req, res) => {
    const products = await store.listProducts();
    const latest = new Map((await store.latestVersions()).map((version) => [version.productId, version]));
    res.json({ products: products.map((product) => toSummary(product, latest.get(product.id))) });
  });

  router.post('/products', requireRole(...AUTHORS), async (req, res) => {
    const user = signedIn(res);
    const request = readBody<CreateProductRequest>(ctx.validators, 'createProduct', req.body);
    if (await store.getProduct(request.id)) throw new HttpProblem(409, 'PRODUCT_EXISTS', `Product ${request.id} exists`);
    const base = request.from === 'derived' && request.base ? await store.getProduct(request.base.productId) : undefined;
    if (request.from === 'derived' && !base) throw new HttpProblem(422, 'BASE_UNKNOWN', 'No such base product', { errors: [{ pointer: '/base/productId', message: 'is not a product' }] });
    const { document, samples } = newProductDraft(request, ctx.catalog, ctx.examplesDir);
    await assertNameFree(store, request.name);
    let record;
    try {
      record = await store.createProduct(
        {
          id: request.id,
          name: request.name,
          kind: kindOf(document, base?.kind),
          document,
          status: 'draft',
          archived: false,
          samples: samples.length ? samples : (base?.samples ?? []),
          updatedBy: user.username,
        },
        user.username,
      );
    } catch {
      throw new HttpProblem(409, 'PRODUCT_EXISTS', `Product ${request.id} exists`);
    }
    const { diagnostics } = await ctx.compiler.compile(document);
    await store.appendAudit({
      actor: user.username,
      action: 'product.create',
      productId: record.id,
      hashBefore: null,
      hashAfter: null,
      detail: { from: request.from, template: request.template, base: request.base },
    });
    const summary = toSummary(record, undefined);
    res
      .status(201)
      .setHeader('ETag', productEtag(summary))
      .json({ ...summary, document, diagnostics, samples: record.samples });
  });

  router.get('/products/:id', requireRole(), async (req, res) => {
    const product = await productOr404(store, param(req, 'id'));
    assertNotDamaged(product);
    const { diagnostics } = await ctx.compiler.compile(product.document);
    const summary = toSummary(product, await store.latestVersion(product.id));
    res
      .setHeader('Cache-Control', 'private, no-cache')
      .setHeader('ETag', productEtag(summary))
      .json({ ...summary, document: product.document, diagnostics, samples: product.samples });
  });

  router.put('/products/:id/draft', requireRole(...AUTHORS), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    assertNotArchived(product);
    const expected = ifMatchRevision(req.get('If-Match'), product.revision);
    const { document: raw } = readBody<{ document: unknown }>(ctx.validators, 'saveDraft', req.body);
    const document = checkDocument(ctx, raw);
    const { product: definition, diagnostics } = await ctx.compiler.compile(document);
    const saved = await store.saveDraft(product.id, document, expected, user.username, definition?.hash ?? null);
    if (!saved.ok) throw new HttpProblem(409, 'REVISION_CONFLICT', 'The draft changed since you loaded it', { currentRevision: saved.currentRevision });
    res.setHeader('ETag', `"${saved.record.revision}"`).json({ revision: saved.record.revision, diagnostics });
  });

  router.patch('/products/:id', requireRole(...AUTHORS), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    assertNotArchived(product);
    const { name } = readBody<{ name?: LocalizedText }>(ctx.validators, 'rename', req.body);
    if (name) await assertNameFree(store, name, product.id);
    if (name && product.damage)
      await store.updateProduct(product.id, { name }, user.username); // a damaged draft is not rewritten with the new name
    else if (name) {
      const saved = await store.saveDraft(product.id, withName(product.document, name), product.revision, user.username, null);
      if (!saved.ok) throw new HttpProblem(409, 'REVISION_CONFLICT', 'The draft changed meanwhile', { currentRevision: saved.currentRevision });
      await store.updateProduct(product.id, { name }, user.username);
      await store.appendAudit({ actor: user.username, action: 'product.rename', productId: product.id, detail: { before: product.name, after: name } });
    }
    const updated = await productOr404(store, product.id);
    res.json(toSummary(updated, await store.latestVersion(product.id)));
  });

  /**
   * Archive. A product never published is archived at once (no channel sees it). A published one is
   * withdrawn only through a review, like publishing: 202 with the open archive review; the channels
   * keep serving it until another approver approves that review (four eyes).
   */
  router.post('/products/:id/archive', requireRole(...AUTHORS), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    assertNotArchived(product);
    readBody<{ comment?: string }>(ctx.validators, 'submit', req.body);
    const latest = await store.latestVersion(product.id);
    if (!latest) {
      const updated = await store.updateProduct(product.id, { archived: true }, user.username);
      await store.appendAudit({ actor: user.username, action: 'product.archive', productId: product.id });
      ctx.runtime.retire(product.id);
      return void res.json(toSummary(updated!, undefined));
    }
    const { comment } = req.body as { comment?: string };
    if ((await store.listReviews({ status: 'open', productId: product.id })).length) throw new HttpProblem(409, 'REVIEW_PENDING', 'This product already has an open review');
    const review = await store.createReview({
      productId: product.id,
      kind: 'archive',
      submittedBy: user.username,
      ...(comment ? { comment } : {}),
      document: latest.document,
      definition: latest.definition,
      hash: latest.hash,
      baseVersion: latest.version,
    });
    await store.updateProduct(product.id, { status: 'in-review' }, user.username);
    await store.appendAudit({ actor: user.username, action: 'review.submit', productId: product.id, hashBefore: latest.hash, hashAfter: null, detail: { reviewId: review.id, kind: 'archive' } });
    res.status(202).json({ review: reviewView(review) });
  });

  router.post('/products/:id/simulate', requireRole(), async (req, res) => {
    const product = await productOr404(store, param(req, 'id'));
    assertNotDamaged(product);
    const body = readBody<{ application: unknown; requestedAmount?: unknown; termMonths?: unknown; repaymentMethod?: unknown; asOf?: string; channel?: string }>(ctx.validators, 'simulate', req.body);
    const { product: definition, diagnostics } = await ctx.compiler.compile(product.document);
    if (!definition || hasErrors(diagnostics)) throw new HttpProblem(422, 'DRAFT_HAS_ERRORS', 'The draft has compile errors', { diagnostics });
    const result = ctx.compiler.evaluator(definition).decide({ ...body, asOf: body.asOf ?? today(ctx.clock) });
    if ('errors' in result) {
      const onlyApplication = result.errors.every((error) => error.pointer.startsWith('/application'));
      throw new HttpProblem(422, onlyApplication ? 'APPLICATION_INVALID' : 'REQUEST_INVALID', 'The application is invalid', { errors: result.errors });
    }
    res.json({ decision: result.decision });
  });

  return router;
}
