// Events of the reference domain: an administrator changed the relation graph (calls' pages and
// alert reasons read admitted titles from it).
export {};

declare module '../../platform/events.ts' {
  interface EventMap {
    'reference.changed': { disciplineCode: number };
  }
}
