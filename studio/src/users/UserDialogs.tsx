import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { UserRole } from '../api/types.ts';
import { Dialog } from '../app/Dialog.tsx';
import { FormFooter } from '../app/FormFooter.tsx';
import { toastStore } from '../app/toast-store.ts';
import { useT } from '../i18n/use-t.ts';

const ROLES: UserRole[] = ['author', 'approver', 'admin'];
/** The server's password rule (server/auth/users.ts PASSWORD_MIN_LENGTH). */
const MIN_LENGTH = 12;

/** A problem answer as the admin reads it: the server's field messages for PASSWORD_WEAK, else code and detail. */
function problemText(caught: unknown, t: ReturnType<typeof useT>['t']): string {
  if (caught instanceof ApiError && caught.code === 'PASSWORD_WEAK') return t('password.weak', { min: MIN_LENGTH });
  if (caught instanceof ApiError && caught.code === 'USER_EXISTS') return t('users.exists');
  return caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught);
}

/** Creates a user with roles and a first password (POST /api/studio/users). */
export function CreateUserDialog({ onClose, onCreated }: { onClose(): void; onCreated(): void }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<UserRole[]>(['author']);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!roles.length) return setError(t('users.needsRole'));
    setBusy(true);
    setError('');
    try {
      await api.createUser({ username, ...(displayName ? { displayName } : {}), roles, password });
      toastStore.show(t('users.created', { user: username }), 'success');
      onCreated();
      onClose();
    } catch (caught) {
      setError(problemText(caught, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('users.new')} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>{t('users.username')}</span>
          <input aria-label={t('users.username')} value={username} pattern="[a-z][a-z0-9._\-]{1,63}" title={t('users.usernameRule')} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('users.displayName')}</span>
          <input aria-label={t('users.displayName')} value={displayName} maxLength={100} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <fieldset className="field">
          <legend>{t('users.roles')}</legend>
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input type="checkbox" aria-label={t(`users.role.${role}`)} checked={roles.includes(role)} onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))} />
              {t(`users.role.${role}`)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('users.firstPassword')}</span>
          <input type="password" autoComplete="new-password" aria-label={t('users.firstPassword')} value={password} minLength={MIN_LENGTH} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <p className="muted small">{t('users.passwordRule', { min: MIN_LENGTH })}</p>
        <FormFooter error={error} submitLabel={t('users.create')} disabled={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Sets a new password for a user (PUT /api/studio/users/:username/password); their sessions end. */
export function ResetPasswordDialog({ username, onClose }: { username: string; onClose(): void }) {
  const { t } = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api.resetPassword(username, password);
      toastStore.show(t('users.passwordReset', { user: username }), 'success');
      onClose();
    } catch (caught) {
      setError(problemText(caught, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('users.resetTitle', { user: username })} onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>{t('password.new')}</span>
          <input type="password" autoComplete="new-password" aria-label={t('password.new')} value={password} minLength={MIN_LENGTH} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <p className="muted small">{t('users.resetRule', { min: MIN_LENGTH })}</p>
        <FormFooter error={error} submitLabel={t('users.resetPassword')} disabled={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
