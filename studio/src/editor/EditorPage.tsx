import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { User } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { EditorWorkspace } from './EditorWorkspace.tsx';
import { useProductLoader } from './use-product-loader.ts';

/** The product editor screen: loads the product and catalog, then shows the workspace. */
export function EditorPage({ productId, user, onSignOut }: { productId: string; user: User; onSignOut(): void }) {
  const { t } = useT();
  const { loaded, error } = useProductLoader(productId);
  if (error)
    return (
      <main className="page">
        <p className="form-error" role="alert">
          {t('app.error')}: {error}
        </p>
        <a href="#/products" className="btn">
          {t('editor.back')}
        </a>
      </main>
    );
  if (!loaded) return <div className="loading">{t('app.loading')}</div>;
  return (
    <ReactFlowProvider>
      <EditorWorkspace loaded={loaded} user={user} onSignOut={onSignOut} />
    </ReactFlowProvider>
  );
}
