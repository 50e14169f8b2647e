import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { FlowStore } from '../flow/flow-store.ts';

/** Selects a block and centres the viewport on it. */
export function useFocusBlock(store: FlowStore | undefined) {
  const flow = useReactFlow();
  return useCallback(
    (blockId: string) => {
      store?.select({ blocks: [blockId] });
      const node = flow.getInternalNode(blockId);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? 240;
      const height = node.measured.height ?? 90;
      flow.setCenter(x + width / 2, y + height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    },
    [flow, store],
  );
}
