import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { toastStore } from '../app/toast-store.ts';
import { useT } from '../i18n/use-t.ts';

/** Submit the draft for approval with a comment (saving first when there are unsaved edits). */
export function SubmitDialog({ productId, dirty, onSave, onSubmitted, onClose }: { productId: string; dirty: boolean; onSave(): Promise<void>; onSubmitted?(): void; onClose(): void }) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      if (dirty) await onSave();
      await api.submit(productId, comment);
      toastStore.show(t('review.submitted'), 'success');
      onSubmitted?.();
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('review.submitTitle')} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>{t('review.comment')}</span>
          <textarea aria-label={t('review.comment')} rows={4} value={comment} placeholder={t('review.commentPlaceholder')} onChange={(e) => setComment(e.target.value)} />
        </label>
        <FormFooter error={error} submitLabel={t('review.submit')} disabled={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
