import type { Severity } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';

const ICONS: Record<Severity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️' };

export function SeverityIcon({ severity }: { severity: Severity }) {
  const { t } = useT();
  return (
    <span className={`severity severity-${severity}`} role="img" aria-label={t(`problems.severity.${severity}`)}>
      {ICONS[severity]}
    </span>
  );
}
