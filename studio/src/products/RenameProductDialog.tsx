import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { ProductSummary } from '../api/types.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { NameFields } from './NameFields.tsx';
import { toastStore } from '../app/toast-store.ts';
import { useT } from '../i18n/use-t.ts';

/** Rename a product in both languages (PATCH /api/studio/products/:id; the draft's start block follows). */
export function RenameProductDialog({ product, onClose, onRenamed }: { product: ProductSummary; onClose(): void; onRenamed(): void }) {
  const { t } = useT();
  const [zh, setZh] = useState(product.name['zh-CN']);
  const [en, setEn] = useState(product.name.en);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function rename(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api.rename(product.id, { 'zh-CN': zh.trim(), en: en.trim() });
      toastStore.show(t('products.renamed'), 'success');
      onRenamed();
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'PRODUCT_NAME_TAKEN') setError(t('create.nameTaken', { id: String(caught.body.productId ?? '') }));
      else setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('products.renameTitle', { id: product.id })} onClose={onClose}>
      <form className="stack" onSubmit={rename}>
        <NameFields zh={zh} en={en} onZh={setZh} onEn={setEn} enRequired />
        <FormFooter error={error} submitLabel={t('products.rename')} disabled={busy || !zh.trim() || !en.trim()} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
