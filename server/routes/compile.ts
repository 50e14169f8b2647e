import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { StudioContext } from '../studio/context.ts';
import { readBody } from '../studio/requests.ts';

/**
 * `POST /api/studio/compile` `{ document }`: compiles any document the studio holds (saved or not)
 * and answers 200 with the definition (when there are no errors) and the diagnostics — the studio
 * shows problems on the canvas from this. Only a body that is not a JSON object is refused.
 */
export function compileRouter(ctx: StudioContext): Router {
  const router = Router();
  router.post('/compile', requireRole(), async (req, res) => {
    const { document } = readBody<{ document: unknown }>(ctx.validators, 'compile', req.body);
    const { product, diagnostics, diagnosticsOmitted } = await ctx.compiler.compile(document);
    res.json({ ...(product ? { product } : {}), diagnostics, ...(diagnosticsOmitted ? { diagnosticsOmitted } : {}) });
  });
  return router;
}
