import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { BlockCatalog, FlowDocument, ProductDetail, ReviewDetail } from '../api/types.ts';
import { loadCatalog } from '../catalog/use-catalog.ts';
import { mergeOverrides } from '../flow/overrides.ts';
import { loadBaseDocument } from '../editor/use-product-loader.ts';

export interface ReviewData {
  review: ReviewDetail;
  product: ProductDetail;
  catalog: BlockCatalog;
  next: FlowDocument; // the document under review (merged with its base for a derived product)
  previous?: FlowDocument; // the published version it replaces, for ghosts of removed blocks
}

async function effective(document: FlowDocument): Promise<FlowDocument> {
  return document.base ? mergeOverrides(await loadBaseDocument(document.base), document) : document;
}

/** Loads a review with its diff, the product and both documents to draw. */
export function useReview(reviewId: string) {
  const [data, setData] = useState<ReviewData | undefined>();
  const [error, setError] = useState('');
  const load = useCallback(() => {
    (async () => {
      const [review, catalog] = await Promise.all([api.review(reviewId), loadCatalog()]);
      const product = await api.product(review.productId);
      // an archive review withdraws the published version as it is: nothing in it changes
      const nextSource = review.kind === 'rollback' && review.rollbackOf ? (await api.version(review.productId, review.rollbackOf)).document
        : review.kind === 'archive' && review.baseVersion ? (await api.version(review.productId, review.baseVersion)).document
        : product.document;
      const next = await effective(nextSource);
      const previous = review.baseVersion ? await effective((await api.version(review.productId, review.baseVersion)).document) : undefined;
      setData({ review, product, catalog, next, previous });
    })().catch((caught: Error) => setError(caught.message));
  }, [reviewId]);
  useEffect(load, [load]);
  return { data, error, reload: load };
}
