import { useState } from 'react';
import { api } from '../api/client.ts';
import type { ProductSummary, User } from '../api/types.ts';
import { toastStore } from '../app/toast-store.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { CreateProductDialog } from './CreateProductDialog.tsx';
import { RenameProductDialog } from './RenameProductDialog.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useProducts } from './use-products.ts';
import { Plus } from 'lucide-react';

/** The product list: status, version and channels; create, open, rename, archive. */
export function ProductListPage({ user }: { user: User }) {
  const { t, lt, locale } = useT();
  const { products, error, reload } = useProducts();
  const [creating, setCreating] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [renaming, setRenaming] = useState<ProductSummary>();
  const canEdit = user.roles.includes('author') || user.roles.includes('admin');

  async function archive(product: ProductSummary) {
    if (!window.confirm(t('products.archiveConfirm', { name: lt(product.name) }))) return;
    try {
      const answer = await api.archive(product.id);
      if (answer?.review) toastStore.show(t('products.archiveRequested'), 'info', 6000);
      reload();
    } catch (caught) {
      toastStore.show(caught instanceof Error ? caught.message : String(caught), 'error');
    }
  }

  const channelLabel = (channel: string) => {
    const key = `channel.${channel}` as MessageKey;
    return t(key) === key ? channel : t(key);
  };
  const visible = (products ?? []).filter((product) => showArchived || product.status !== 'archived');
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('products.title')}</h1>
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} aria-label={t('products.showArchived')} />
          {t('products.showArchived')}
        </label>
        {canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} aria-label={t('products.new')}>
            <Plus size={16} aria-hidden="true" /> {t('products.new')}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error} <button className="btn" onClick={reload} aria-label={t('app.retry')}>{t('app.retry')}</button>
        </p>
      )}
      {!products && !error && <p className="muted">{t('app.loading')}</p>}
      {products && visible.length === 0 && <p className="muted">{t('products.empty')}</p>}
      {visible.length > 0 && (
        <table className="table products-table" aria-label={t('products.title')}>
          <thead>
            <tr>
              <th>{t('products.name')}</th>
              <th>{t('products.status')}</th>
              <th>{t('products.version')}</th>
              <th>{t('products.channels')}</th>
              <th>{t('products.updated')}</th>
              <th aria-label={t('products.open')} />
            </tr>
          </thead>
          <tbody>
            {visible.map((product) => (
              <tr key={product.id}>
                <td>
                  <a href={`#/products/${encodeURIComponent(product.id)}`} className="product-link" aria-label={`${t('products.open')} ${lt(product.name)}`}>
                    {lt(product.name)}
                  </a>
                  <div className="muted small">
                    {product.id}
                    {product.base && ` · ${t('products.derived', { base: product.base.productId + (product.base.version ? ` v${product.base.version}` : '') })}`}
                  </div>
                </td>
                <td>
                  <StatusBadge status={product.status} />
                </td>
                <td>{product.latestVersion ? `v${product.latestVersion}` : '—'}</td>
                <td>
                  {product.channels.map((channel) => (
                    <span key={channel} className="chip">
                      {channelLabel(channel)}
                    </span>
                  ))}
                </td>
                <td className="small">
                  {formatDateTime(product.updatedAt, locale)}
                  <div className="muted">{product.updatedBy}</div>
                </td>
                <td className="actions">
                  <a className="btn" href={`#/products/${encodeURIComponent(product.id)}`} aria-label={`${t('products.open')} ${product.id}`}>
                    {t('products.open')}
                  </a>
                  {canEdit && product.status !== 'archived' && (
                    <button type="button" className="btn btn-ghost" onClick={() => setRenaming(product)} aria-label={`${t('products.rename')} ${product.id}`}>
                      {t('products.rename')}
                    </button>
                  )}
                  {canEdit && product.status !== 'archived' && (
                    <button type="button" className="btn btn-ghost" onClick={() => archive(product)} aria-label={`${t('products.archive')} ${product.id}`}>
                      {t('products.archive')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <CreateProductDialog products={products ?? []} onClose={() => setCreating(false)} />}
      {renaming && <RenameProductDialog product={renaming} onClose={() => setRenaming(undefined)} onRenamed={reload} />}
    </main>
  );
}
