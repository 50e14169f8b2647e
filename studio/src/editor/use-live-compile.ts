import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { CompileResult, FlowDocument } from '../api/types.ts';

export interface LiveCompile {
  result?: CompileResult;
  pending: boolean;
  error?: string;
}

/** Compiles the document ~300 ms after the last edit; a newer edit aborts the older request. */
export function useLiveCompile(document: FlowDocument | undefined, delayMs = 300): LiveCompile {
  const [state, setState] = useState<LiveCompile>({ pending: true });
  useEffect(() => {
    if (!document) return;
    const controller = new AbortController();
    setState((previous) => (previous.pending ? previous : { ...previous, pending: true }));
    const timer = setTimeout(() => {
      api.compile(document, controller.signal).then(
        (result) => setState({ result, pending: false }),
        (error: Error) => {
          if (error.name !== 'AbortError') setState((previous) => ({ ...previous, pending: false, error: error.message }));
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [document, delayMs]);
  return state;
}
