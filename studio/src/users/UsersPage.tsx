import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { UserRole, UserView } from '../api/types.ts';
import { toastStore } from '../app/toast-store.ts';
import { useT } from '../i18n/use-t.ts';
import { Plus } from 'lucide-react';
import { CreateUserDialog, ResetPasswordDialog } from './UserDialogs.tsx';

const ROLE_ORDER: UserRole[] = ['author', 'approver', 'admin'];

/** Admin screen (GET/POST/PATCH /api/studio/users): who may sign in, with which roles; disable, enable, reset a password. */
export function UsersPage() {
  const { t } = useT();
  const [users, setUsers] = useState<UserView[]>();
  const [error, setError] = useState('');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<string>();
  const reload = useCallback(() => {
    api.users().then((answer) => setUsers(answer.users), (caught: Error) => setError(caught.message));
  }, []);
  useEffect(reload, [reload]);

  async function setDisabled(user: UserView, disabled: boolean) {
    try {
      await api.updateUser(user.username, { disabled });
      toastStore.show(t(disabled ? 'users.disabledDone' : 'users.enabledDone', { user: user.username }), 'success');
      reload();
    } catch (caught) {
      const message = caught instanceof ApiError && caught.code === 'LAST_ADMIN' ? t('users.lastAdmin') : caught instanceof ApiError ? `${caught.code}: ${caught.detail}` : String(caught);
      toastStore.show(message, 'error', 6000);
    }
  }

  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} aria-label={t('users.new')}>
          <Plus size={16} aria-hidden="true" /> {t('users.new')}
        </button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {!users && !error && <p className="muted">{t('app.loading')}</p>}
      {users && (
        <table className="table" aria-label={t('users.title')}>
          <thead>
            <tr>
              <th>{t('users.username')}</th>
              <th>{t('users.displayName')}</th>
              <th>{t('users.roles')}</th>
              <th>{t('users.state')}</th>
              <th aria-label={t('users.actions')} />
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.username}>
                <td><code>{user.username}</code></td>
                <td>{user.displayName}</td>
                <td>{ROLE_ORDER.filter((role) => user.roles.includes(role)).map((role) => <span key={role} className="chip">{t(`users.role.${role}`)}</span>)}</td>
                <td>{user.disabled ? <span className="badge review-rejected">{t('users.disabled')}</span> : <span className="badge review-approved">{t('users.enabled')}</span>}</td>
                <td className="actions">
                  <button type="button" className="btn" onClick={() => setResetting(user.username)} aria-label={`${t('users.resetPassword')} ${user.username}`}>
                    {t('users.resetPassword')}
                  </button>
                  <button type="button" className="btn" onClick={() => setDisabled(user, !user.disabled)} aria-label={`${t(user.disabled ? 'users.enable' : 'users.disable')} ${user.username}`}>
                    {t(user.disabled ? 'users.enable' : 'users.disable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <CreateUserDialog onClose={() => setCreating(false)} onCreated={reload} />}
      {resetting && <ResetPasswordDialog username={resetting} onClose={() => setResetting(undefined)} />}
    </main>
  );
}
