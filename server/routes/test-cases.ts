import { Router } from 'express';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { toProblems } from '../engine/schema-registry.ts';
import { HttpProblem } from '../http/problem.ts';
import type { SampleApplication } from '../store/store.ts';
import type { StudioContext } from '../studio/context.ts';
import { assertNotArchived, param, productOr404 } from '../studio/lookup.ts';

const TEST_CASE_SCHEMA = 'https://schemas.loan-blocks.dev/test-case.schema.json';
const MAX_CASES = 500;

/**
 * A product's test suite: add a case (saved from the simulator with the figures the author
 * confirmed; product-schemas/test-case.schema.json) and delete one. The suite is the product's
 * `samples`, the same format the examples' samples/*.json are written in.
 */
export function testCasesRouter(ctx: StudioContext): Router {
  const router = Router();
  const validate = ctx.catalog.schemas.compile({ $ref: TEST_CASE_SCHEMA });

  router.post('/products/:id/test-cases', requireRole('author', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(ctx.store, param(req, 'id'));
    assertNotArchived(product);
    const testCase = (req.body as { testCase?: unknown } | undefined)?.testCase;
    if (!validate(testCase))
      throw new HttpProblem(422, 'REQUEST_INVALID', 'The test case is invalid', {
        errors: toProblems(validate.errors).map(({ pointer, message, messageZh }) => ({ pointer: `/testCase${pointer}`, message, messageZh })),
      });
    const added = testCase as unknown as SampleApplication;
    if (product.samples.some((existing) => existing.id === added.id))
      throw new HttpProblem(409, 'TEST_CASE_EXISTS', `The suite already has a case ${added.id}`, { errors: [{ pointer: '/testCase/id', message: 'is already used in this suite' }] });
    if (product.samples.length >= MAX_CASES) throw new HttpProblem(422, 'SUITE_FULL', `A suite holds at most ${MAX_CASES} cases`);
    await ctx.store.updateProduct(product.id, { samples: [...product.samples, added] }, user.username);
    await ctx.store.appendAudit({ actor: user.username, action: 'test-case.add', productId: product.id, detail: { testCase: added.id } });
    res.status(201).json({ testCase: added, cases: product.samples.length + 1 });
  });

  router.delete('/products/:id/test-cases/:caseId', requireRole('author', 'admin'), async (req, res) => {
    const user = signedIn(res);
    const product = await productOr404(ctx.store, param(req, 'id'));
    const id = param(req, 'caseId');
    if (!product.samples.some((existing) => existing.id === id)) throw new HttpProblem(404, 'NOT_FOUND', 'Test case not found');
    await ctx.store.updateProduct(product.id, { samples: product.samples.filter((existing) => existing.id !== id) }, user.username);
    await ctx.store.appendAudit({ actor: user.username, action: 'test-case.delete', productId: product.id, detail: { testCase: id } });
    res.status(204).end();
  });

  return router;
}
