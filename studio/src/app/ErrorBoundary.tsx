import { Component, type ReactNode } from 'react';
import { translate } from '../i18n/use-t.ts';
import { localeStore } from '../i18n/locale-store.ts';

/** Keeps one broken panel from blanking the whole studio: shows the error and a retry. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: unknown }, { error: Error | null; key: unknown }> {
  override state = { error: null as Error | null, key: undefined as unknown };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const locale = localeStore.get();
    return (
      <div className="pad" role="alert">
        <p className="form-error">
          {translate(locale, 'app.error')}: {this.state.error.message}
        </p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })} aria-label={translate(locale, 'app.retry')}>
          {translate(locale, 'app.retry')}
        </button>
      </div>
    );
  }
}
