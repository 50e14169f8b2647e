import { useSyncExternalStore } from 'react';

/** The screens, addressed by the URL hash so a reload keeps the place. */
export type Route =
  | { screen: 'products' }
  | { screen: 'editor'; productId: string }
  | { screen: 'reviews' }
  | { screen: 'review'; reviewId: string }
  | { screen: 'users' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'products' && parts[1]) return { screen: 'editor', productId: parts[1] };
  if (parts[0] === 'reviews' && parts[1]) return { screen: 'review', reviewId: parts[1] };
  if (parts[0] === 'reviews') return { screen: 'reviews' };
  if (parts[0] === 'users') return { screen: 'users' };
  return { screen: 'products' };
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'editor':
      return `#/products/${encodeURIComponent(route.productId)}`;
    case 'reviews':
      return '#/reviews';
    case 'users':
      return '#/users';
    case 'review':
      return `#/reviews/${encodeURIComponent(route.reviewId)}`;
    default:
      return '#/products';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
