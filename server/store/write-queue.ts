/**
 * Serializes writes of one whole document and group-commits them: callers that ask while a write
 * runs share the next write, which starts after their change. `commit()` resolves only when a
 * write that includes every change made before the call is done (on disk, for a durable writer).
 */
export class WriteQueue {
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly write: () => Promise<void>) {}

  commit(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Resolves when no write is pending. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      try {
        await this.write();
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.writing = null;
  }
}
