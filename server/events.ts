// In-process notification of team head changes, feeding GET /v1/events (SSE) so another device sees an edit
// within a second instead of at its next poll. One process only: with several PostgreSQL-backed servers,
// clients still converge through their polling fallback.
type Listener = (head: number) => void;

export class TeamEvents {
  private listeners = new Map<string, Set<Listener>>();

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
    for (const l of this.listeners.get(teamId) ?? []) l(head);
  }
}
