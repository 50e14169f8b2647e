import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { StudioContext } from '../studio/context.ts';
import { readBody } from '../studio/requests.ts';
import { blockSummaries } from '../studio/block-summaries.ts';

/**
 * `POST /api/studio/compile` `{ document }`: compiles any document the studio holds (saved or not)
 * and answers 200 with the definition (when there are no errors) and the diagnostics — the studio
 * shows problems on the canvas from this, and each block's subtitle (`summaries`, from the block
 * types' `summarize`). Only a body that is not a JSON object is refused.
 */
export function compileRouter(ctx: StudioContext): Router {
  const router = Router();
  router.post('/compile', requireRole(), async (req, res) => {
    const { document } = readBody<{ document: unknown }>(ctx.validators, 'compile', req.body);
    const { product, diagnostics } = await ctx.compiler.compile(document);
    const listed = (document as { blocks?: unknown } | null)?.blocks;
    const ownBlocks = (Array.isArray(listed) ? listed : []).filter(
      (b): b is { id: string; type: string; config: unknown } => !!b && typeof b === 'object' && typeof b.id === 'string' && typeof b.type === 'string',
    );
    const summaries = blockSummaries(ctx.catalog, [...ownBlocks, ...(product?.blocks ?? [])], diagnostics);
    res.json({ ...(product ? { product } : {}), diagnostics, summaries });
  });
  return router;
}
