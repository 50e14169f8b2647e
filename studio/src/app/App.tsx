import { lazy, Suspense } from 'react';
import { useT } from '../i18n/use-t.ts';
import { ProductListPage } from '../products/ProductListPage.tsx';
import { AppHeader } from './AppHeader.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { SignInPage } from './SignInPage.tsx';
import { Toasts } from './Toasts.tsx';
import { useRoute } from './use-route.ts';
import { useSession } from './use-session.ts';

// The editor and review screens carry React Flow, rjsf and Monaco: they load after the first screen.
const EditorPage = lazy(() => import('../editor/EditorPage.tsx').then((m) => ({ default: m.EditorPage })));
const ReviewsInbox = lazy(() => import('../review/ReviewsInbox.tsx').then((m) => ({ default: m.ReviewsInbox })));
const UsersPage = lazy(() => import('../users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const ReviewPage = lazy(() => import('../review/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })));

/** Session gate and screen switch. */
export function App() {
  const { t } = useT();
  const { user, signIn, signOut } = useSession();
  const route = useRoute();

  if (user === undefined) return <div className="loading">{t('app.loading')}</div>;
  if (user === null)
    return (
      <>
        <SignInPage onSignIn={signIn} />
        <Toasts />
      </>
    );

  const fallback = <div className="loading">{t('app.loading')}</div>;
  return (
    <div className="app">
      {route.screen !== 'editor' && <AppHeader user={user} route={route} onSignOut={signOut} />}
      <ErrorBoundary resetKey={window.location.hash}>
      <Suspense fallback={fallback}>
        {route.screen === 'products' && <ProductListPage user={user} />}
        {route.screen === 'editor' && <EditorPage key={route.productId} productId={route.productId} user={user} onSignOut={signOut} />}
        {route.screen === 'reviews' && <ReviewsInbox />}
        {route.screen === 'users' && user.roles.includes('admin') && <UsersPage />}
        {route.screen === 'review' && <ReviewPage key={route.reviewId} reviewId={route.reviewId} user={user} />}
      </Suspense>
      </ErrorBoundary>
      <Toasts />
    </div>
  );
}
