import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { ProductStatus } from '../api/types.ts';

export interface ProductStatusView {
  status: ProductStatus;
  latestVersion: number | null;
}

const POLL_MS = 20_000;

/**
 * The product's status and latest version as the product list shows them, kept current while the
 * editor is open: after a submit, when the window regains focus (an approver may have decided
 * meanwhile in another tab) and every 20 s while the page is visible. Reads the cheap list
 * endpoint, not the detail (which compiles the draft).
 */
export function useProductStatus(productId: string, initial: ProductStatusView) {
  const [view, setView] = useState<ProductStatusView>(initial);

  const refresh = useCallback(async () => {
    try {
      const { products } = await api.products();
      const mine = products.find((product) => product.id === productId);
      if (mine) setView((current) => (current.status === mine.status && current.latestVersion === mine.latestVersion ? current : { status: mine.status, latestVersion: mine.latestVersion }));
    } catch {
      // offline or signed out: keep what we showed; the next focus tries again
    }
  }, [productId]);

  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(onVisible, POLL_MS);
    return () => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
  }, [refresh]);

  return { ...view, refresh };
}
