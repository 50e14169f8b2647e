import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { ProductSummary } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { navigate } from '../app/use-route.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { NameFields } from './NameFields.tsx';

const TEMPLATES = ['mortgage-fast', 'merchant', 'salaried', 'agricultural'] as const;

/** The server's product id rule (docs/http-api.md): lower-case words of letters and digits joined by single hyphens. */
const PRODUCT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Why an id is refused, in words a product manager can act on; '' when it is fine. */
export function idProblem(id: string): 'create.idRequired' | 'create.idTooLong' | 'create.idStart' | 'create.idChars' | 'create.idHyphens' | '' {
  if (!id) return 'create.idRequired';
  if (id.length > 64) return 'create.idTooLong';
  if (!/^[a-z]/.test(id)) return 'create.idStart';
  if (/[^a-z0-9-]/.test(id)) return 'create.idChars';
  return PRODUCT_ID.test(id) ? '' : 'create.idHyphens';
}

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
  const [idError, setIdError] = useState('');
  const [nameError, setNameError] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    setNameError('');
    const problem = idProblem(id);
    setIdError(problem ? t(problem) : '');
    if (!zh.trim()) setNameError(t('create.nameRequired'));
    if (problem || !zh.trim()) return;
    try {
      const baseProduct = bases.find((product) => product.id === base);
      const created = await api.createProduct({
        from,
        id,
        name: { 'zh-CN': zh.trim(), en: en.trim() || zh.trim() },
        ...(from === 'template' ? { template } : {}),
        ...(from === 'derived' ? { base: { productId: base, ...(baseProduct?.latestVersion ? { version: baseProduct.latestVersion } : {}) } } : {}),
      });
      navigate({ screen: 'editor', productId: created.id ?? id });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'PRODUCT_EXISTS') setIdError(t('create.idTaken', { id }));
      else if (caught instanceof ApiError && caught.code === 'PRODUCT_NAME_TAKEN') setNameError(t('create.nameTaken', { id: String(caught.body.productId ?? '') }));
      else setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught));
    }
  }

  return (
    <Dialog title={t('create.title')} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
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
          <input
            aria-label={t('products.id')}
            aria-invalid={idError ? true : undefined}
            aria-describedby="product-id-help"
            value={id}
            onChange={(e) => {
              setId(e.target.value);
              setIdError('');
            }}
            onBlur={() => id && setIdError(idProblem(id) ? t(idProblem(id) as MessageKey) : '')}
            placeholder="salaried-plus"
            autoComplete="off"
            spellCheck={false}
          />
          <small id="product-id-help" className={idError ? 'form-error' : 'muted'} role={idError ? 'alert' : undefined}>
            {idError || t('create.idHint')}
          </small>
        </label>
        <NameFields zh={zh} en={en} onZh={setZh} onEn={setEn} />
        {nameError && (
          <p className="form-error" role="alert">
            {nameError}
          </p>
        )}
        <FormFooter error={error} submitLabel={t('create.submit')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
