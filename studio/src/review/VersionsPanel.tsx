import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { BlockTypeInfo, PublishedVersionSummary, VersionDiff } from '../api/types.ts';
import { toastStore } from '../app/toast-store.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';
import { DiffList } from './DiffList.tsx';
import { GitCompare, RotateCcw } from 'lucide-react';

interface Props {
  productId: string;
  canEdit: boolean;
  dirty: boolean; // the canvas has changes the server's draft does not have yet
  onSave(): Promise<void>;
  types: ReadonlyMap<string, BlockTypeInfo>;
  onFocus(blockId: string): void; // selects and centres a block of the diff on the canvas
  onNewest?(version: number): void; // the newest published version, for the toolbar (it may be newer than the editor's)
}

/** Version history of the product: compare any version with the draft, roll back (which opens a rollback review). */
export function VersionsPanel({ productId, canEdit, dirty, onSave, types, onFocus, onNewest }: Props) {
  const { t, locale } = useT();
  const [versions, setVersions] = useState<PublishedVersionSummary[] | undefined>();
  const [error, setError] = useState('');
  const [compared, setCompared] = useState<{ version: number; diff?: VersionDiff; error?: string } | undefined>();
  useEffect(() => {
    api.versions(productId).then(
      (body) => {
        setVersions(body.versions);
        if (body.versions.length) onNewest?.(Math.max(...body.versions.map((v) => v.version)));
      },
      (caught: Error) => setError(caught.message),
    );
  }, [productId, onNewest]);

  async function rollback(version: number) {
    if (!window.confirm(t('versions.rollbackConfirm', { version }))) return;
    try {
      await api.rollback(productId, version, '');
      toastStore.show(t('versions.rollbackCreated'), 'success');
    } catch (caught) {
      toastStore.show(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught), 'error', 6000);
    }
  }

  async function compare(version: number) {
    if (compared?.version === version) return setCompared(undefined); // a second click closes it
    setCompared({ version });
    try {
      if (dirty) await onSave(); // compare with what is on the canvas, not an older save
      const diff = await api.diff(productId, version, 'draft');
      setCompared({ version, diff });
    } catch (caught) {
      setCompared({ version, error: caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught) });
    }
  }

  if (error) return <p className="form-error pad">{error}</p>;
  if (!versions) return <p className="muted pad">{t('app.loading')}</p>;
  const newest = versions.reduce((max, v) => Math.max(max, v.version), 0);
  return (
    <div className="versions">
      <h2>{t('versions.title')}</h2>
      {versions.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ol className="version-list" reversed>
        {[...versions].sort((a, b) => b.version - a.version).map((version) => (
          <li key={version.version} className="version">
            <div className="version-head">
              <strong>v{version.version}</strong>
              <code className="muted small">{version.hash.slice(0, 15)}…</code>
            </div>
            <div className="small">
              {t('versions.publishedAt')}: {formatDateTime(version.publishedAt, locale)} · {version.submittedBy} → {t('versions.approvedBy')} {version.approvedBy}
            </div>
            <button type="button" className="btn btn-ghost small" aria-pressed={compared?.version === version.version} onClick={() => compare(version.version)} aria-label={`${t('versions.diff')} v${version.version}`}>
              <GitCompare size={16} aria-hidden="true" /> {t('versions.diff')}
            </button>
            {compared?.version === version.version && (
              <div className="version-diff" aria-live="polite">
                {compared.error ? <p className="form-error">{compared.error}</p> : compared.diff ? (
                  <>
                    <p className="small muted">{t('versions.diffCaption', { version: version.version })}</p>
                    <DiffList diff={compared.diff} types={types} onFocus={onFocus} />
                  </>
                ) : <p className="muted small">{t('app.loading')}</p>}
              </div>
            )}
            {canEdit && version.version !== newest && (
              <button type="button" className="btn btn-ghost small" onClick={() => rollback(version.version)} aria-label={`${t('versions.rollback')} v${version.version}`}>
                <RotateCcw size={16} aria-hidden="true" /> {t('versions.rollback')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
