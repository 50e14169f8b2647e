/** A decision thread that fails while loading, before it is ready: the pool must give up starting threads, not loop. */
throw new Error('this thread cannot start');
