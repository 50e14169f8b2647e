import { useEffect, useRef } from 'react';
import type { ClipboardPayload, FlowStore } from '../flow/flow-store.ts';

/** True when the key press belongs to a text field or an editor, not to the canvas. */
function typingInField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || !!element.closest('.monaco-editor, dialog');
}

const CLIPBOARD_KEY = 'studio.clipboard';

/**
 * Canvas shortcuts: Delete, Ctrl+C/V, Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y, Ctrl+S, ? for help.
 * The clipboard lives in localStorage so blocks can be pasted into another product.
 */
export function useEditorShortcuts(store: FlowStore | undefined, handlers: { save(): void; toggleHelp(): void }) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!store) return;
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        latest.current.save();
        return;
      }
      if (typingInField(event.target)) return;
      if (key === 'delete' || key === 'backspace') {
        event.preventDefault();
        store.deleteSelection();
      } else if (mod && key === 'c') {
        const payload = store.copy();
        if (payload.blocks.length) localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(payload));
      } else if (mod && key === 'v') {
        const raw = localStorage.getItem(CLIPBOARD_KEY);
        if (raw) store.paste(JSON.parse(raw) as ClipboardPayload);
      } else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) {
        event.preventDefault();
        store.redo();
      } else if (mod && key === 'z') {
        event.preventDefault();
        store.undo();
      } else if (event.key === '?') {
        latest.current.toggleHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
