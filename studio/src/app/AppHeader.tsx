import type { User } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import type { Route } from './use-route.ts';
import { Blocks } from 'lucide-react';
import { KeyRound, LogOut } from 'lucide-react';
import { useState } from 'react';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

interface Props {
  user: User;
  route: Route;
  onSignOut(): void;
}

/** The top bar on list screens: brand, navigation, language, user. */
export function AppHeader({ user, route, onSignOut }: Props) {
  const { t } = useT();
  const canReview = user.roles.includes('approver') || user.roles.includes('admin');
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <header className="app-header">
      <a className="brand" href="#/products" aria-label={t('app.title')}>
        <span className="brand-mark"><Blocks size={18} aria-hidden="true" /></span> {t('app.title')}
      </a>
      <nav className="app-nav" aria-label={t('app.title')}>
        <a href="#/products" aria-current={route.screen === 'products' ? 'page' : undefined} aria-label={t('app.products')}>
          {t('app.products')}
        </a>
        {canReview && (
          <a href="#/reviews" aria-current={route.screen === 'reviews' || route.screen === 'review' ? 'page' : undefined} aria-label={t('app.reviews')}>
            {t('app.reviews')}
          </a>
        )}
        {user.roles.includes('admin') && (
          <a href="#/users" aria-current={route.screen === 'users' ? 'page' : undefined} aria-label={t('app.users')}>
            {t('app.users')}
          </a>
        )}
      </nav>
      <div className="app-header-end">
        <LanguageSwitch />
        <span className="user-name" title={user.roles.join(', ')}>
          {user.displayName}
        </span>
        <button type="button" className="btn btn-ghost" aria-label={t('password.open')} onClick={() => setChangingPassword(true)}>
          <KeyRound size={16} aria-hidden="true" /> {t('password.open')}
        </button>
        <button type="button" className="btn btn-ghost" aria-label={t('app.signOut')} onClick={onSignOut}>
          <LogOut size={16} aria-hidden="true" /> {t('app.signOut')}
        </button>
      </div>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </header>
  );
}
