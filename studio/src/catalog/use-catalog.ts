import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { BlockCatalog } from '../api/types.ts';

let cached: Promise<BlockCatalog> | undefined;

/** The block catalog (GET /api/block-types), fetched once per page: palette, ports and forms all come from it. */
export function loadCatalog(): Promise<BlockCatalog> {
  cached ??= api.blockTypes().catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export function useCatalog() {
  const [catalog, setCatalog] = useState<BlockCatalog | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    loadCatalog().then(
      (value) => live && setCatalog(value),
      (caught: Error) => live && setError(caught.message),
    );
    return () => {
      live = false;
    };
  }, []);
  return { catalog, error };
}
