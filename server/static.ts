import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Router } from 'express';
import { fromRoot } from './root.ts';

/** Where `vite build` puts the studio. */
export const STUDIO_DIST = fromRoot('studio', 'dist');

/** Vite names what it builds into assets/ after its content hash: such a file never changes. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * Serves the built studio when `studio/dist` exists: its files, and index.html for any other GET
 * outside /api (the studio routes in the browser). Responses are gzip/deflate/brotli-compressed
 * for a browser that accepts it (the `compression` middleware; the first screen's JS shrinks to a
 * third). Content-hashed assets are cached for a year as immutable; everything else (index.html,
 * an unhashed file) is revalidated so a new build is picked up. Without a build this router does nothing.
 */
export function studioStatic(dist = STUDIO_DIST): Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return router;
  router.use(compression());
  router.use(
    express.static(dist, {
      index: false,
      setHeaders(res, file) {
        res.setHeader('Cache-Control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get(/^(?!\/api(\/|$)).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
