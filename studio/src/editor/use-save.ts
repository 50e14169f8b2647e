import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { FlowDocument, ProductDetail } from '../api/types.ts';
import { toastStore } from '../app/toast-store.ts';
import type { FlowStore } from '../flow/flow-store.ts';
import { useT } from '../i18n/use-t.ts';
import { backups } from './backup.ts';

export interface Conflict {
  theirs: ProductDetail;
}

/**
 * Saving with If-Match. The last saved document is remembered to tell "dirty"; every unsaved
 * change is mirrored to localStorage. A 409 keeps the document and opens the conflict dialog.
 */
export function useSave(productId: string, store: FlowStore | undefined, initialRevision: number, document: FlowDocument | undefined) {
  const { t } = useT();
  const [revision, setRevision] = useState(initialRevision);
  const [saved, setSaved] = useState<FlowDocument | undefined>(document);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const revisionRef = useRef(revision);
  revisionRef.current = revision;
  const savedRef = useRef(saved);
  savedRef.current = saved;

  useEffect(() => {
    setRevision(initialRevision);
  }, [initialRevision]);
  useEffect(() => {
    if (saved === undefined && document) setSaved(document);
  }, [document, saved]);

  const dirty = !!document && !!saved && document !== saved;

  useEffect(() => {
    if (!dirty || !document) return;
    const timer = setTimeout(() => backups.write(productId, document, revisionRef.current), 400);
    return () => clearTimeout(timer);
  }, [dirty, document, productId]);

  const save = useCallback(
    async (atRevision = revisionRef.current) => {
      if (!store) return;
      const current = store.getState().document;
      setSaving(true);
      try {
        const result = await api.saveDraft(productId, current, atRevision);
        setRevision(result.revision);
        setSaved(current);
        backups.clear(productId);
        toastStore.show(t('editor.saved'), 'success', 1500);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'REVISION_CONFLICT') {
          backups.write(productId, current, atRevision);
          setConflict({ theirs: await api.product(productId) });
        } else {
          toastStore.show(t('save.failed', { message: error instanceof ApiError ? `${error.code} ${error.detail}` : String(error) }), 'error', 6000);
        }
      } finally {
        setSaving(false);
      }
    },
    [productId, store, t],
  );

  /** Conflict → take their document (ours stays in the backup until the next save). */
  const reloadTheirs = useCallback(() => {
    if (!store || !conflict) return;
    store.replaceDocument(conflict.theirs.document);
    setRevision(conflict.theirs.revision);
    setSaved(store.getState().document);
    setConflict(null);
  }, [store, conflict]);

  /** Conflict → overwrite theirs with ours, having seen theirs. */
  const keepMine = useCallback(async () => {
    if (!conflict) return;
    const theirs = conflict.theirs.revision;
    setConflict(null);
    await save(theirs);
  }, [conflict, save]);

  /**
   * Someone else saved a newer draft while this editor holds no unsaved change: load it, so the
   * next save builds on it. With unsaved changes nothing is loaded — the save answers 409 and the
   * conflict dialog lets the author choose.
   */
  const adoptNewer = useCallback(async () => {
    if (!store) return;
    const theirs = await api.product(productId);
    const unchanged = store.getState().document === savedRef.current;
    if (theirs.revision <= revisionRef.current || !unchanged) return;
    store.replaceDocument(theirs.document);
    setRevision(theirs.revision);
    setSaved(store.getState().document);
    backups.clear(productId);
    toastStore.show(t('editor.remoteLoaded', { who: theirs.updatedBy, revision: theirs.revision }), 'info', 5000);
  }, [productId, store, t]);

  /** Closing the dialog keeps my document unsaved (and backed up); nothing is overwritten. */
  const dismissConflict = useCallback(() => setConflict(null), []);

  return { revision, dirty, saving, save, conflict, reloadTheirs, keepMine, dismissConflict, adoptNewer };
}
