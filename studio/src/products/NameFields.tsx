import { useT } from '../i18n/use-t.ts';

/** A product's name in both UI languages. */
export function NameFields({ zh, en, onZh, onEn, enRequired }: { zh: string; en: string; onZh(value: string): void; onEn(value: string): void; enRequired?: boolean }) {
  const { t } = useT();
  return (
    <>
      <label className="field">
        <span>{t('create.nameZh')}</span>
        <input aria-label={t('create.nameZh')} value={zh} maxLength={500} onChange={(e) => onZh(e.target.value)} required />
      </label>
      <label className="field">
        <span>{t('create.nameEn')}</span>
        <input aria-label={t('create.nameEn')} value={en} maxLength={500} onChange={(e) => onEn(e.target.value)} required={enRequired} />
      </label>
    </>
  );
}
