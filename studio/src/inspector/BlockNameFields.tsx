import type { FlowBlock, Locale } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';

const LANGUAGES: Locale[] = ['zh-CN', 'en'];

/**
 * The block's own name, one field per UI language: the canvas shows only the UI language's name.
 * An older single-text name shows in both fields until one is edited.
 */
export function BlockNameFields({ block, disabled, onChange }: { block: FlowBlock; disabled: boolean; onChange(locale: Locale, text: string): void }) {
  const { t } = useT();
  const valueIn = (locale: Locale) => (typeof block.label === 'string' ? block.label : (block.label?.[locale] ?? ''));
  return (
    <fieldset className="name-fields">
      <legend>{t('inspector.label')}</legend>
      {LANGUAGES.map((locale) => {
        const label = t(locale === 'zh-CN' ? 'inspector.labelZh' : 'inspector.labelEn');
        return (
          <label key={locale} className="field">
            <span>{label}</span>
            <input
              aria-label={label}
              lang={locale}
              value={valueIn(locale)}
              placeholder={t(locale === 'zh-CN' ? 'inspector.labelPlaceholderZh' : 'inspector.labelPlaceholderEn')}
              maxLength={100}
              disabled={disabled}
              onChange={(event) => onChange(locale, event.target.value)}
            />
          </label>
        );
      })}
    </fieldset>
  );
}
