import { Router } from 'express';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { diffDocuments, type VersionDiff } from '../engine/compiler/diff.ts';
import type { FlowDocument } from '../engine/flow-document.ts';
import { HttpProblem } from '../http/problem.ts';
import type { StudioContext } from '../studio/context.ts';
import { assertNotArchived, param, productOr404 } from '../studio/lookup.ts';
import { reviewView, versionSummary } from '../studio/publishing.ts';
import { readBody } from '../studio/requests.ts';

/** A version number from a path or query value, or 422 naming where it came from. */
function versionNumber(value: unknown, pointer: string, allowDraft: boolean): number | 'draft' {
  if (allowDraft && value === 'draft') return 'draft';
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < 1) {
    throw new HttpProblem(422, 'REQUEST_INVALID', 'Not a version number', { errors: [{ pointer, message: allowDraft ? 'must be a version number or "draft"' : 'must be a version number' }] });
  }
  return number;
}

/**
 * Published versions of a product: list, read one (definition and the document it came from),
 * diff two versions (or a version and the draft), and request a rollback — a review whose
 * approval republishes the old definition as version N+1 (versions are never rewritten).
 */
export function versionsRouter(ctx: StudioContext): Router {
  const router = Router();
  const { store } = ctx;

  /** The document of a version, or of the current draft. */
  async function documentAt(productId: string, which: number | 'draft', draft: FlowDocument): Promise<FlowDocument> {
    if (which === 'draft') return draft;
    const version = await store.getVersion(productId, which);
    if (!version) throw new HttpProblem(404, 'NOT_FOUND', `Version ${which} of ${productId} not found`);
    return version.document;
  }

  router.get('/products/:id/versions', requireRole(), async (req, res) => {
    const product = await productOr404(store, param(req, 'id'));
    res.json({ versions: (await store.listVersions(product.id)).map(versionSummary) });
  });

  router.get('/products/:id/versions/:version', requireRole(), async (req, res) => {
    const product = await productOr404(store, param(req, 'id'));
    const number = versionNumber(param(req, 'version'), '/params/version', false) as number;
    const version = await store.getVersion(product.id, number);
    if (!version) throw new HttpProblem(404, 'NOT_FOUND', `Version ${number} of ${product.id} not found`);
    res.json({ version: versionSummary(version), definition: version.definition, document: version.document });
  });

  router.get('/products/:id/diff', requireRole(), async (req, res) => {
    const product = await productOr404(store, param(req, 'id'));
    const from = versionNumber(req.query.from, '/query/from', true);
    const to = versionNumber(req.query.to ?? 'draft', '/query/to', true);
    const diff: VersionDiff = diffDocuments(await documentAt(product.id, from, product.document), await documentAt(product.id, to, product.document), from, to);
    res.json(diff);
  });

  router.post('/products/:id/rollback', requireRole('author', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(store, param(req, 'id'));
    assertNotArchived(product);
    const { version: number, comment } = readBody<{ version: number; comment?: string }>(ctx.validators, 'rollback', req.body);
    const target = await store.getVersion(product.id, number);
    if (!target) throw new HttpProblem(404, 'NOT_FOUND', `Version ${number} of ${product.id} not found`);
    if ((await store.listReviews({ status: 'open', productId: product.id })).length) throw new HttpProblem(409, 'REVIEW_PENDING', 'This product already has an open review');
    const latest = await store.latestVersion(product.id);
    const review = await store.createReview({
      productId: product.id,
      kind: 'rollback',
      submittedBy: user.username,
      ...(comment ? { comment } : {}),
      document: target.document,
      definition: target.definition,
      hash: target.hash,
      baseVersion: latest?.version ?? null,
      rollbackOf: number,
    });
    await store.appendAudit({
      actor: user.username,
      action: 'review.submit',
      productId: product.id,
      hashBefore: latest?.hash ?? null,
      hashAfter: target.hash,
      detail: { reviewId: review.id, kind: 'rollback', rollbackOf: number },
    });
    res.status(201).json(reviewView(review));
  });

  return router;
}
