import { useEffect, useState } from 'react';

/**
 * A number that grows each time the person comes back to this window (it regains focus or the tab
 * becomes visible): a view that depends on what others may have changed meanwhile — the suite's
 * cases, a review — puts it in its effect's dependencies to look again.
 */
export function useWindowReturn(): number {
  const [returns, setReturns] = useState(0);
  useEffect(() => {
    const back = () => document.visibilityState === 'visible' && setReturns((count) => count + 1);
    window.addEventListener('focus', back);
    document.addEventListener('visibilitychange', back);
    return () => {
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', back);
    };
  }, []);
  return returns;
}
