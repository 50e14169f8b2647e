import { useSyncExternalStore } from 'react';
import type { FlowState, FlowStore } from './flow-store.ts';

/** Subscribes a component to the headless flow store. */
export function useFlowState(store: FlowStore): FlowState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
