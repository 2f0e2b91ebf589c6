// In-process domain events ("calls.opened"): lets capabilities react to each other without
// importing each other. The map of event name → payload is typed: each domain that emits an event
// declares it in its own events.ts by augmenting EventMap, e.g.
//
//   declare module '../../platform/events.ts' { interface EventMap { 'calls.opened': { id: string } } }
//
// Listeners run after the emitting transaction has committed (domains emit after commit); a failing
// listener is logged, never thrown back into the operation that emitted.

export interface EventMap {}

export type EventName = keyof EventMap;
export type Listener<K extends EventName> = (payload: EventMap[K]) => void | Promise<void>;
/** What a manifest declares: a listener per event it reacts to. */
export type Listeners = { [K in EventName]?: Listener<K> };

export class Events {
  private listeners = new Map<EventName, Set<Listener<never>>>();

  constructor(private readonly onError: (e: unknown, name: EventName) => void = () => {}) {}

  on<K extends EventName>(name: K, fn: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(fn as Listener<never>);
    this.listeners.set(name, set);
    return () => set.delete(fn as Listener<never>);
  }

  /** Adds every listener of a manifest. */
  onAll(listeners: Listeners): void {
    for (const [name, fn] of Object.entries(listeners) as [EventName, Listener<EventName>][]) if (fn) this.on(name, fn);
  }

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    for (const fn of this.listeners.get(name) ?? []) {
      try {
        const r = (fn as Listener<K>)(payload);
        if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e: unknown) => this.onError(e, name));
      } catch (e) {
        this.onError(e, name);
      }
    }
  }
}
