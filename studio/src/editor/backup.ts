import type { FlowDocument } from '../api/types.ts';

/** The unsaved document kept in localStorage so nothing is lost (closed tab, conflict, crash). */
export interface Backup {
  document: FlowDocument;
  revision: number;
  at: string;
}

const key = (productId: string) => `studio.backup.${productId}`;

export const backups = {
  read(productId: string): Backup | undefined {
    try {
      const raw = localStorage.getItem(key(productId));
      return raw ? (JSON.parse(raw) as Backup) : undefined;
    } catch {
      return undefined;
    }
  },
  write(productId: string, document: FlowDocument, revision: number): void {
    try {
      localStorage.setItem(key(productId), JSON.stringify({ document, revision, at: new Date().toISOString() }));
    } catch {
      // storage full or disabled: the document is still in memory
    }
  },
  clear(productId: string): void {
    try {
      localStorage.removeItem(key(productId));
    } catch {
      // nothing to clear
    }
  },
};
