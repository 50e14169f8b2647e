import { useT } from '../i18n/use-t.ts';
import { Languages } from 'lucide-react';

/** zh-CN ⇄ English for the whole UI. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useT();
  return (
    <button type="button" className="btn btn-ghost" aria-label={t('app.language')} onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
      <Languages size={16} aria-hidden="true" /> {t('app.languageName')}
    </button>
  );
}
