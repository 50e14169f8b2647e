import type { FlowDocument } from '../api/types.ts';
import { Dialog } from '../app/Dialog.tsx';
import { useT } from '../i18n/use-t.ts';
import type { Conflict } from './use-save.ts';

/** 409 REVISION_CONFLICT: see theirs, then reload theirs or overwrite with mine. Nothing is lost either way. */
export function ConflictDialog({ conflict, mine, onReloadTheirs, onKeepMine, onClose }: { conflict: Conflict; mine: FlowDocument; onReloadTheirs(): void; onKeepMine(): void; onClose(): void }) {
  const { t } = useT();
  const theirs = conflict.theirs;
  return (
    <Dialog title={t('save.conflictTitle')} onClose={onClose}>
      <p>{t('save.conflictBody', { theirs: theirs.revision, who: theirs.updatedBy })}</p>
      <ul className="conflict-summary">
        <li>{t('save.theirs', { blocks: theirs.document.blocks.length, links: theirs.document.links.length })}</li>
        <li>{t('save.mine', { blocks: mine.blocks.length, links: mine.links.length })}</li>
      </ul>
      <details>
        <summary>JSON</summary>
        <pre className="json-peek">{JSON.stringify(theirs.document, null, 2).slice(0, 4000)}</pre>
      </details>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onReloadTheirs} aria-label={t('save.reloadTheirs')}>
          {t('save.reloadTheirs')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onKeepMine} aria-label={t('save.keepMine')}>
          {t('save.keepMine')}
        </button>
      </div>
    </Dialog>
  );
}
