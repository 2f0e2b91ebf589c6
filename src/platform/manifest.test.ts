// The manifest helpers: demo seeds in dependency order, in-transaction hooks, provided services,
// and typed events with failing listeners kept away from the emitter.
import { describe, expect, it } from 'vitest';
import { demoOrder, provided, runHooks, type DomainManifest } from './manifest.ts';
import { Events } from './events.ts';

const m = (name: string, after: string[] = []): DomainManifest => ({ name, demo: { after, seed: async () => {} } });

describe('manifests', () => {
  it('order demo seeds after the ones they name, refusing cycles and unknown names', () => {
    expect(demoOrder([m('calls', ['organisations']), m('alerts', ['calls']), m('organisations')]).map((x) => x.name)).toEqual(['organisations', 'calls', 'alerts']);
    expect(() => demoOrder([m('a', ['b']), m('b', ['a'])])).toThrow(/cycle/);
    expect(() => demoOrder([m('a', ['nope'])])).toThrow(/nope/);
  });

  it('run every hook of a name, in order, with the transaction', async () => {
    const seen: string[] = [];
    const list: DomainManifest[] = [
      { name: 'x', hooks: { 'cases.merged': async (tx, p) => void seen.push(`x:${String(tx)}:${p.into}`) } },
      { name: 'y' },
      { name: 'z', hooks: { 'cases.merged': async (_tx, p) => void seen.push(`z:${p.from.join(',')}`) } },
    ];
    await runHooks(list, 'cases.merged', 'tx' as never, { from: ['a', 'b'], into: 'k' });
    expect(seen).toEqual(['x:tx:k', 'z:a,b']);
  });

  it('find a provided service, and say which one is missing', () => {
    const contact = async () => null;
    expect(provided([{ name: 'leads', provides: { 'leads.contact': contact } }], 'leads.contact')).toBe(contact);
    expect(() => provided([], 'leads.contact')).toThrow(/leads\.contact/);
  });
});

describe('events', () => {
  it('reach their listeners; a failing listener is reported, the others still run', async () => {
    const errors: string[] = [];
    const events = new Events((_e, name) => void errors.push(name));
    const got: string[] = [];
    events.on('calls.opened', () => {
      throw new Error('boom');
    });
    events.on('calls.opened', async () => {
      throw new Error('async boom');
    });
    events.onAll({ 'calls.opened': ({ id }) => void got.push(id) });
    events.emit('calls.opened', { id: 'c1' });
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['c1']);
    expect(errors).toEqual(['calls.opened', 'calls.opened']);
  });
});
