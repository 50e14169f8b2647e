import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/use-t.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Blocks } from 'lucide-react';

/** Username and password → POST /api/studio/session. */
export function SignInPage({ onSignIn }: { onSignIn(username: string, password: string): Promise<void> }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await onSignIn(username, password);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? t('signIn.failed') : caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-label={t('signIn.title')}>
        <div className="sign-in-top">
          <span className="brand-mark big"><Blocks size={28} aria-hidden="true" /></span>
          <LanguageSwitch />
        </div>
        <h1>{t('app.title')}</h1>
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input name="username" autoComplete="username" aria-label={t('signIn.username')} value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input name="password" type="password" autoComplete="current-password" aria-label={t('signIn.password')} value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary wide" disabled={busy} aria-label={t('signIn.submit')}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
