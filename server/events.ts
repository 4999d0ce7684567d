// Team head changes, feeding GET /v1/events (SSE) so another device sees an edit within a second instead of at
// its next poll. Fed by this process's pushes and, on PostgreSQL, by NOTIFY from every server process on the
// same database; a head already announced is not announced again.
type Listener = (head: number) => void;

export class TeamEvents {
  private listeners = new Map<string, Set<Listener>>();
  private announced = new Map<string, number>();

  subscribe(teamId: string, listener: Listener): () => void {
    const set = this.listeners.get(teamId) ?? new Set();
    set.add(listener);
    this.listeners.set(teamId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(teamId);
    };
  }

  publish(teamId: string, head: number) {
    if ((this.announced.get(teamId) ?? -1) >= head) return;
    this.announced.set(teamId, head);
    for (const l of this.listeners.get(teamId) ?? []) l(head);
  }
}
