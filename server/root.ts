import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above this module that holds product-schemas/. Found
 * by walking up, so the same code works from server/*.ts (tsx), from dist/server.mjs and from the
 * benchmark bundles in dist/bench/.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'product-schemas'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no product-schemas/ folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const ROOT = findRoot();
/** A path under the repository root. */
export const fromRoot = (...segments: string[]): string => path.join(ROOT, ...segments);
