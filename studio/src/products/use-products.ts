import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { ProductSummary } from '../api/types.ts';

/** GET /api/studio/products, with a reload. */
export function useProducts() {
  const [products, setProducts] = useState<ProductSummary[] | undefined>();
  const [error, setError] = useState<string>('');
  const reload = useCallback(() => {
    setError('');
    api.products().then(
      (body) => setProducts(body.products),
      (caught: Error) => setError(caught.message),
    );
  }, []);
  useEffect(reload, [reload]);
  return { products, error, reload };
}
