// Events of the calls domain, for the capabilities that react to calls (alerts fan out when a call
// opens; the public pages drop their cached copies when anything about calls changes).
export {};

declare module '../../platform/events.ts' {
  interface EventMap {
    /** A call was created, edited or moved, or the clock opened or closed some. */
    'calls.changed': { id?: string; opened?: string[]; closed?: string[] };
    /** A call became open (published now, or its scheduled time came). */
    'calls.opened': { id: string };
  }
}
