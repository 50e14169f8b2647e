import type { Severity } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { CircleX, Info, TriangleAlert, type LucideIcon } from 'lucide-react';

const ICONS: Record<Severity, LucideIcon> = { error: CircleX, warning: TriangleAlert, info: Info };

export function SeverityIcon({ severity }: { severity: Severity }) {
  const { t } = useT();
  const Icon = ICONS[severity];
  return (
    <span className={`severity severity-${severity}`} role="img" aria-label={t(`problems.severity.${severity}`)}>
      <Icon size={16} aria-hidden="true" />
    </span>
  );
}
