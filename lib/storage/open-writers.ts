// The transactions that changed an in-memory copy of stored data (the score buckets, the contact pages' indexes),
// and which of them have not reported their end yet. IndexedDB runs overlapping read-write transactions one after
// another, so such a writer has finished, but its abort event may still be on its way: until it arrives the copy may
// hold changes that were rolled back.
export class OpenWriters {
  private readonly writers = new WeakSet<object>();
  private readonly open = new Set<object>();

  /** Marks `trans` as a writer (once); `onAbort` runs when its abort is heard. */
  add(trans: object, onAbort?: () => void): void {
    if (this.writers.has(trans)) return;
    this.writers.add(trans);
    const events = trans as Partial<Pick<IDBTransaction, 'addEventListener'>>;
    if (typeof events.addEventListener !== 'function') return;
    this.open.add(trans);
    events.addEventListener('complete', () => this.open.delete(trans));
    events.addEventListener('abort', () => {
      this.open.delete(trans);
      onAbort?.();
    });
  }

  /** Whether `trans` changed the copy. */
  has(trans: object): boolean {
    return this.writers.has(trans);
  }

  /** Whether a writer other than `trans` has not reported its end yet. */
  otherOpen(trans: object): boolean {
    for (const t of this.open) if (t !== trans) return true;
    return false;
  }
}
