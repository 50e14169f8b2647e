import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useT } from '../i18n/use-t.ts';
import { Dialog } from './Dialog.tsx';
import { FormFooter } from './FormFooter.tsx';
import { toastStore } from './toast-store.ts';

/** The server's password rule (server/auth/users.ts PASSWORD_MIN_LENGTH), checked here first so the user hears it while typing. */
const MIN_LENGTH = 12;

/** A signed-in user changes their own password (PUT /api/studio/session/password); their other sessions end. */
export function ChangePasswordDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next.length < MIN_LENGTH) return setError(t('password.tooShort', { min: MIN_LENGTH }));
    if (next !== repeat) return setError(t('password.mismatch'));
    setBusy(true);
    setError('');
    try {
      await api.changePassword(current, next);
      toastStore.show(t('password.changed'), 'success');
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CREDENTIALS_INVALID') setError(t('password.currentWrong'));
      else if (caught instanceof ApiError && caught.code === 'PASSWORD_WEAK') setError(t('password.weak', { min: MIN_LENGTH }));
      else setError(caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught));
    } finally {
      setBusy(false);
    }
  }

  const field = (label: string, value: string, set: (value: string) => void, autoComplete: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="password" aria-label={label} autoComplete={autoComplete} value={value} onChange={(e) => set(e.target.value)} required />
    </label>
  );

  return (
    <Dialog title={t('password.title')} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        {field(t('password.current'), current, setCurrent, 'current-password')}
        {field(t('password.new'), next, setNext, 'new-password')}
        {field(t('password.repeat'), repeat, setRepeat, 'new-password')}
        <p className="muted small">{t('password.rule', { min: MIN_LENGTH })}</p>
        <FormFooter error={error} submitLabel={t('password.submit')} disabled={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
