import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { BlockCatalog, FlowDocument, ProductDetail } from '../api/types.ts';
import { loadCatalog } from '../catalog/use-catalog.ts';
import { FlowStore } from '../flow/flow-store.ts';

export interface LoadedProduct {
  detail: ProductDetail;
  catalog: BlockCatalog;
  store: FlowStore;
  baseDocument?: FlowDocument; // derived products: the base's document, drawn read-only
}

/** The base product's document: a pinned version, or its current draft. */
export async function loadBaseDocument(base: { productId: string; version?: number }): Promise<FlowDocument> {
  if (base.version) return (await api.version(base.productId, base.version)).document;
  return (await api.product(base.productId)).document;
}

/** Loads the product, the catalog and (for a derived product) the base, and builds the flow store. */
export function useProductLoader(productId: string) {
  const [loaded, setLoaded] = useState<LoadedProduct | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    (async () => {
      const [detail, catalog] = await Promise.all([api.product(productId), loadCatalog()]);
      const base = detail.document.base;
      const baseDocument = base ? await loadBaseDocument(base) : undefined;
      const store = new FlowStore(detail.document, catalog.blockTypes, { readOnly: !!base });
      if (live) setLoaded({ detail, catalog, store, baseDocument });
    })().catch((caught: Error) => live && setError(caught.message));
    return () => {
      live = false;
    };
  }, [productId]);
  return { loaded, error };
}
