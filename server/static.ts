import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { fromRoot } from './root.ts';

/** Where `vite build` puts the studio. */
export const STUDIO_DIST = fromRoot('studio', 'dist');

/**
 * Serves the built studio when `studio/dist` exists: its files, and index.html for any other GET
 * outside /api (the studio routes in the browser). Hashed assets are cached for a year; index.html
 * is revalidated so a new build is picked up. Without a build this router does nothing.
 */
export function studioStatic(dist = STUDIO_DIST): Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return router;
  router.use(
    express.static(dist, {
      index: false,
      setHeaders(res, file) {
        res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(/^(?!\/api(\/|$)).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
