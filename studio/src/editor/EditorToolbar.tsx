import type { ProductDetail, ProductStatus } from '../api/types.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { ShortcutsHelp } from '../canvas/ShortcutsHelp.tsx';
import type { FlowState } from '../flow/flow-store.ts';
import { useT } from '../i18n/use-t.ts';
import { StatusBadge } from '../products/StatusBadge.tsx';
import { ArrowLeft, Keyboard, LogOut, Maximize, Network, Redo2, Undo2 } from 'lucide-react';

interface Props {
  detail: ProductDetail;
  status: ProductStatus; // current (useProductStatus), not as loaded
  openReview?: string; // the open review's id while the product is in review
  latestVersion?: number; // newer than detail's when a version was published since the editor opened
  onSignOut(): void;
  state: FlowState;
  dirty: boolean;
  saving: boolean;
  canEdit: boolean;
  helpOpen: boolean;
  onHelp(open: boolean): void;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFit(): void;
  onSave(): void;
  onSubmit(): void;
}

/** The editor's top bar: product, history, layout, save state, submit. */
export function EditorToolbar(props: Props) {
  const { t, lt } = useT();
  const { detail, state, dirty, saving, canEdit, helpOpen } = props;
  return (
    <header className="editor-toolbar">
      <a className="btn btn-ghost" href="#/products" aria-label={t('editor.back')} onClick={(e) => dirty && !window.confirm(t('editor.unsaved')) && e.preventDefault()}>
        <ArrowLeft size={16} aria-hidden="true" />
      </a>
      <div className="editor-title">
        <strong>{lt(detail.name)}</strong>
        <span className="muted small">{detail.id}</span>
        <StatusBadge status={props.status} />
        {props.status === 'in-review' && props.openReview && (
          <a className="small" href={`#/reviews/${encodeURIComponent(props.openReview)}`} data-testid="open-review">
            {t('editor.openReview')}
          </a>
        )}
        {(props.latestVersion ?? detail.latestVersion) && (
          <span className="chip" data-testid="latest-version">
            v{Math.max(props.latestVersion ?? 0, detail.latestVersion ?? 0)}
          </span>
        )}
      </div>
      <div className="toolbar-group">
        <button type="button" className="btn btn-ghost icon" onClick={props.onUndo} disabled={!state.canUndo} aria-label={t('editor.undo')} title={`${t('editor.undo')} (Ctrl+Z)`}>
          <Undo2 size={16} aria-hidden="true" />
        </button>
        <button type="button" className="btn btn-ghost icon" onClick={props.onRedo} disabled={!state.canRedo} aria-label={t('editor.redo')} title={`${t('editor.redo')} (Ctrl+Shift+Z)`}>
          <Redo2 size={16} aria-hidden="true" />
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onLayout} disabled={!canEdit} aria-label={t('editor.layout')}>
          <Network size={16} aria-hidden="true" /> {t('editor.layout')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onFit} aria-label={t('editor.fitView')}>
          <Maximize size={16} aria-hidden="true" /> {t('editor.fitView')}
        </button>
        <div className="popover-anchor">
          <button type="button" className="btn btn-ghost icon" onClick={() => props.onHelp(!helpOpen)} aria-expanded={helpOpen} aria-label={t('editor.shortcuts')} title={t('editor.shortcuts')}>
            <Keyboard size={16} aria-hidden="true" />
          </button>
          {helpOpen && <ShortcutsHelp onClose={() => props.onHelp(false)} />}
        </div>
      </div>
      <div className="toolbar-end">
        <span className={`save-state${dirty ? ' dirty' : ''}`} data-testid="save-state">
          {saving ? t('editor.saving') : dirty ? t('editor.unsaved') : t('editor.saved')}
        </span>
        <LanguageSwitch />
        <button type="button" className="btn btn-ghost" onClick={props.onSignOut} aria-label={t('app.signOut')}>
          <LogOut size={16} aria-hidden="true" /> {t('app.signOut')}
        </button>
        <button type="button" className="btn" onClick={props.onSave} disabled={!canEdit || saving} aria-label={t('editor.save')} title="Ctrl+S">
          {t('editor.save')}
        </button>
        <button type="button" className="btn btn-primary" onClick={props.onSubmit} disabled={!canEdit} aria-label={t('editor.submit')}>
          {t('editor.submit')}
        </button>
      </div>
    </header>
  );
}
