import { useT } from '../i18n/use-t.ts';

/** The end of a dialog's form: the error (if any), Cancel, and the submit button. */
export function FormFooter({ error, submitLabel, disabled, onCancel }: { error: string; submitLabel: string; disabled?: boolean; onCancel(): void }) {
  const { t } = useT();
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel} aria-label={t('app.cancel')}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={disabled} aria-label={submitLabel}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
