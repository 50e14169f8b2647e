import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { User } from '../api/types.ts';

/** The signed-in user (cookie session): undefined while checking, null when signed out. */
export function useSession() {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api.session().then(
      (body) => live && setUser(body.user),
      () => live && setUser(null),
    );
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const body = await api.signIn(username, password);
    setUser(body.user);
  }, []);

  const signOut = useCallback(async () => {
    await api.signOut().catch((error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
    });
    setUser(null);
  }, []);

  return { user, signIn, signOut };
}
