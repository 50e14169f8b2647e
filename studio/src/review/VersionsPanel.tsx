import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { PublishedVersionSummary } from '../api/types.ts';
import { toastStore } from '../app/toast-store.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';

/** Version history of the product, with roll back (which opens a rollback review). */
export function VersionsPanel({ productId, canEdit }: { productId: string; canEdit: boolean }) {
  const { t, locale } = useT();
  const [versions, setVersions] = useState<PublishedVersionSummary[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api.versions(productId).then(
      (body) => setVersions(body.versions),
      (caught: Error) => setError(caught.message),
    );
  }, [productId]);

  async function rollback(version: number) {
    if (!window.confirm(t('versions.rollbackConfirm', { version }))) return;
    try {
      await api.rollback(productId, version, '');
      toastStore.show(t('versions.rollbackCreated'), 'success');
    } catch (caught) {
      toastStore.show(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught), 'error', 6000);
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
            {canEdit && version.version !== newest && (
              <button type="button" className="btn btn-ghost small" onClick={() => rollback(version.version)} aria-label={`${t('versions.rollback')} v${version.version}`}>
                ↺ {t('versions.rollback')}
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
