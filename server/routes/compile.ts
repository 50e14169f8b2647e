import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { CompileResult } from '../contracts.ts';
import { blockSummaries } from '../engine/compiler/summaries.ts';
import type { StudioContext } from '../studio/context.ts';
import { readBody } from '../studio/requests.ts';

/**
 * `POST /api/studio/compile` `{ document }`: compiles any document the studio holds (saved or not)
 * and answers 200 with the definition (when there are no errors) and the diagnostics — the studio
 * shows problems on the canvas from this, and each block's one-line summary with its key figures
 * (`summaries`: block id → zh-CN/en text, from the block type's `summarize`) as the node subtitle.
 * Only a body that is not a JSON object is refused.
 */
export function compileRouter(ctx: StudioContext): Router {
  const router = Router();
  router.post('/compile', requireRole(), async (req, res) => {
    const { document } = readBody<{ document: unknown }>(ctx.validators, 'compile', req.body);
    const { product, diagnostics, diagnosticsOmitted } = await ctx.compiler.compile(document);
    // A derived product's blocks come from its base: their subtitles come from the compiled (merged) blocks.
    const summaries = { ...(product ? blockSummaries(product, ctx.catalog) : {}), ...blockSummaries(document, ctx.catalog) };
    const answer: CompileResult = { ...(product ? { product } : {}), diagnostics, summaries, ...(diagnosticsOmitted ? { diagnosticsOmitted } : {}) };
    res.json(answer);
  });
  return router;
}
