import { useCallback, useRef, useState } from 'react';
import type { Connection, Edge } from '@xyflow/react';
import type { FlowStore } from '../flow/flow-store.ts';
import type { LinkRefusal } from '../flow/link-refusal.ts';

/**
 * React Flow's central `isValidConnection`, backed by the store's port-kind check. While a link
 * is dragged over a refused port the reason is kept so the canvas can show it next to the pointer.
 */
export function useLinkRefusal(store: FlowStore) {
  const [refusal, setRefusal] = useState<LinkRefusal | null>(null);
  const current = useRef<LinkRefusal | null>(null);

  const show = useCallback((next: LinkRefusal | null) => {
    if (current.current?.code === next?.code && current.current?.message.en === next?.message.en) return;
    current.current = next;
    setRefusal(next);
  }, []);

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const { source, target, sourceHandle, targetHandle } = connection;
      if (!source || !target) return false;
      const reason = store.checkLink({ block: source, port: sourceHandle ?? 'out' }, { block: target, port: targetHandle ?? 'in' });
      show(reason);
      return reason === null;
    },
    [store, show],
  );

  const clear = useCallback(() => show(null), [show]);
  return { refusal, isValidConnection, clear, lastRefusal: current };
}
