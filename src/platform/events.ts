// In-process domain events ("calls.changed"): lets the web layer drop cached pages and later
// capabilities react, without domains knowing who listens.
type Listener = (payload: Record<string, unknown>) => void;

export class Events {
  private listeners = new Map<string, Set<Listener>>();
  on(name: string, fn: Listener): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(fn);
    this.listeners.set(name, set);
    return () => set.delete(fn);
  }
  emit(name: string, payload: Record<string, unknown> = {}): void {
    for (const fn of this.listeners.get(name) ?? []) fn(payload);
  }
}
