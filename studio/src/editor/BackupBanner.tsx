import { useState } from 'react';
import type { FlowStore } from '../flow/flow-store.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import { backups } from './backup.ts';

/** Offers the local backup of unsaved work when it differs from the loaded draft. */
export function BackupBanner({ productId, store }: { productId: string; store: FlowStore }) {
  const { t, locale } = useT();
  const [backup, setBackup] = useState(() => {
    const found = backups.read(productId);
    return found && JSON.stringify(found.document) !== JSON.stringify(store.getState().document) ? found : undefined;
  });
  if (!backup) return null;
  return (
    <div className="banner" role="status">
      {t('editor.backupFound', { time: formatDateTime(backup.at, locale) })}
      <button
        type="button"
        className="btn"
        aria-label={t('editor.restoreBackup')}
        onClick={() => {
          store.replaceDocument(backup.document);
          setBackup(undefined);
        }}
      >
        {t('editor.restoreBackup')}
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        aria-label={t('editor.discardBackup')}
        onClick={() => {
          backups.clear(productId);
          setBackup(undefined);
        }}
      >
        {t('editor.discardBackup')}
      </button>
    </div>
  );
}
