import type { Request } from 'express';
import { HttpProblem } from '../http/problem.ts';
import type { ProductRecord, Store } from '../store/store.ts';

/** The product named by `:id`, or 404 NOT_FOUND. */
export async function productOr404(store: Store, id: string): Promise<ProductRecord> {
  const product = await store.getProduct(id);
  if (!product) throw new HttpProblem(404, 'NOT_FOUND', `Product ${id} not found`);
  return product;
}

/** Edits to an archived product are refused. */
export function assertNotArchived(product: ProductRecord): void {
  if (product.archived) throw new HttpProblem(409, 'PRODUCT_ARCHIVED', `Product ${product.id} is archived`);
}

/**
 * Reads that need a product's draft refuse a damaged record (one the server cannot read in full,
 * server/store/damage.ts) with 409 PRODUCT_DAMAGED for that product alone, saying how to repair it.
 */
export function assertNotDamaged(product: ProductRecord): void {
  if (product.damage) {
    throw new HttpProblem(409, 'PRODUCT_DAMAGED', `The stored product ${product.id} is damaged`, {
      detail: `${product.damage}. Save a new draft over it (PUT /api/studio/products/${product.id}/draft with If-Match: "${product.revision}") or archive it.`,
      damage: product.damage,
      revision: product.revision,
    });
  }
}

/** A route parameter as a string (Express 5 types them loosely). */
export const param = (req: Request, name: string): string => String(req.params[name] ?? '');

/**
 * The revision an `If-Match` header names (`"3"`, `3` or `W/"3"`): 428 PRECONDITION_REQUIRED
 * when absent; a header that is not a revision can never match, so it is a conflict.
 */
export function ifMatchRevision(header: string | undefined, current: number): number {
  if (header === undefined || header.trim() === '') throw new HttpProblem(428, 'PRECONDITION_REQUIRED', 'Send If-Match with the revision you edited');
  // `"<revision>"`, or the product's full ETag `"<revision>-<status>-<version>"` (productEtag).
  const match = /^\s*(?:W\/)?"?(\d{1,15})(?:-[a-z-]+-\d{1,15})?"?\s*$/.exec(header);
  if (!match) throw new HttpProblem(409, 'REVISION_CONFLICT', 'The draft changed since you loaded it', { currentRevision: current });
  return Number(match[1]);
}

/** Today's date (YYYY-MM-DD, UTC) on the server clock: the default decision date. */
export const today = (clock: () => Date): string => clock().toISOString().slice(0, 10);
