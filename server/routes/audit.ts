import { Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { StudioContext } from '../studio/context.ts';

/**
 * `GET /api/studio/audit?productId=`: the append-only audit trail (approvers and admins), oldest
 * first: who did what to which product, with the definition hash before and after.
 */
export function auditRouter(ctx: StudioContext): Router {
  const router = Router();
  router.get('/audit', requireRole('approver', 'admin'), async (req, res) => {
    const productId = typeof req.query.productId === 'string' && req.query.productId ? req.query.productId : undefined;
    const events = await ctx.store.listAudit({ productId });
    res.json({ events: events.map(({ seq: _seq, ...event }) => ({ hashBefore: null, hashAfter: null, detail: {}, ...event })) });
  });
  return router;
}
