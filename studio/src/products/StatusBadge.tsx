import type { ProductStatus } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';

export function StatusBadge({ status }: { status: ProductStatus }) {
  const { t } = useT();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}
