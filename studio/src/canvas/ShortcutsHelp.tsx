import { useEffect } from 'react';
import { useT } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { X } from 'lucide-react';

const SHORTCUTS: [string, MessageKey][] = [
  ['Delete / Backspace', 'shortcut.delete'],
  ['Ctrl+C', 'shortcut.copy'],
  ['Ctrl+V', 'shortcut.paste'],
  ['Ctrl+Z', 'shortcut.undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'shortcut.redo'],
  ['Ctrl+S', 'shortcut.save'],
  ['Shift + click / drag', 'shortcut.multi'],
  ['?', 'shortcut.help'],
];

/** The keyboard shortcuts popover. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const { t } = useT();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="popover shortcuts" role="dialog" aria-label={t('editor.shortcuts')}>
      <div className="popover-head">
        <strong>{t('editor.shortcuts')}</strong>
        <button type="button" className="btn btn-ghost icon" onClick={onClose} aria-label={t('app.close')}>
          <X size={16} aria-hidden="true" />
        </button>
      </div>
      <dl>
        {SHORTCUTS.map(([keys, label]) => (
          <div key={keys} className="shortcut-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
