import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import type { ProductSummary } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { navigate } from '../app/use-route.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { NameFields } from './NameFields.tsx';

const TEMPLATES = ['mortgage-fast', 'merchant', 'salaried', 'agricultural'] as const;

/** Create an empty product, one from a template, or one derived from a base product. */
export function CreateProductDialog({ products, onClose }: { products: ProductSummary[]; onClose(): void }) {
  const { t, lt } = useT();
  const [from, setFrom] = useState<'empty' | 'template' | 'derived'>('empty');
  const [template, setTemplate] = useState<string>(TEMPLATES[0]);
  const bases = products.filter((product) => !product.base && product.status !== 'archived');
  const [base, setBase] = useState(bases[0]?.id ?? '');
  const [id, setId] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [error, setError] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    try {
      const baseProduct = bases.find((product) => product.id === base);
      const created = await api.createProduct({
        from,
        id,
        name: { 'zh-CN': zh, en: en || zh },
        ...(from === 'template' ? { template } : {}),
        ...(from === 'derived' ? { base: { productId: base, ...(baseProduct?.latestVersion ? { version: baseProduct.latestVersion } : {}) } } : {}),
      });
      navigate({ screen: 'editor', productId: created.id ?? id });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <Dialog title={t('create.title')} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <fieldset className="segmented" aria-label={t('create.from')}>
          <legend>{t('create.from')}</legend>
          {(['empty', 'template', 'derived'] as const).map((option) => (
            <label key={option} className={from === option ? 'on' : ''}>
              <input type="radio" name="from" value={option} checked={from === option} onChange={() => setFrom(option)} aria-label={t(`create.${option}`)} />
              {t(`create.${option}`)}
            </label>
          ))}
        </fieldset>
        {from === 'template' && (
          <label className="field">
            <span>{t('create.templateName')}</span>
            <select aria-label={t('create.templateName')} value={template} onChange={(e) => setTemplate(e.target.value)}>
              {TEMPLATES.map((name) => (
                <option key={name} value={name}>
                  {t(`template.${name}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {from === 'derived' && (
          <label className="field">
            <span>{t('create.base')}</span>
            <select aria-label={t('create.base')} value={base} onChange={(e) => setBase(e.target.value)} required>
              {bases.map((product) => (
                <option key={product.id} value={product.id}>
                  {lt(product.name)} ({product.id}{product.latestVersion ? ` v${product.latestVersion}` : ''})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('products.id')}</span>
          <input aria-label={t('products.id')} value={id} onChange={(e) => setId(e.target.value)} pattern="[a-z][a-z0-9\-]*" placeholder={t('create.idHint')} required />
        </label>
        <NameFields zh={zh} en={en} onZh={setZh} onEn={setEn} />
        <FormFooter error={error} submitLabel={t('create.submit')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
