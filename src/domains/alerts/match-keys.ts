// Match keys: what a subscriber matches, written as strings a call can look up in one GIN index
// probe (alert_subscribers.match_keys && <the call's keys>). The lookup returns only subscribers
// who match on profession or specialisation AND area, so its cost follows the matches.
//
//   base keys     p:<profession>                       every subscriber of the profession
//                 s:<specialisation>:same | :any        per specialisation held; :any when the
//                                                      subscriber also wants equipollent/affine
//   area suffix   |*            subscriber: anywhere
//                 |P<province>  subscriber: a province    |C<comune>  subscriber: a comune
//   no suffix     only for calls without a workplace (they match every area)
import type { SubscriptionPrefs } from './tables.ts';

type Kind = 'same' | 'equipollent' | 'affine';

export function subscriberKeys(p: Pick<SubscriptionPrefs, 'professionCode' | 'specialisations' | 'provinces' | 'comuni' | 'alsoRelated'>): string[] {
  const bases = [`p:${p.professionCode}`, ...p.specialisations.map((s) => `s:${s.code}:${p.alsoRelated ? 'any' : 'same'}`)];
  const areas = p.provinces.length || p.comuni.length ? [...p.provinces.map((c) => `P${c}`), ...p.comuni.map((c) => `C${c}`)] : ['*'];
  const keys: string[] = [];
  for (const b of bases) {
    keys.push(b);
    for (const a of areas) keys.push(`${b}|${a}`);
  }
  return keys;
}

export interface CallForKeys {
  professionCode: string;
  disciplineCode: number | null;
  admitted: { specialisationCode: string; kind: Kind }[];
  workplaces: { comuneCode: string; provinceCode: string }[];
}

export function callKeys(c: CallForKeys): string[] {
  // A call in a discipline admits holders of the listed specialisations; a call without one (or a
  // discipline with no specialisation listed) is for the whole profession.
  const bases =
    c.disciplineCode != null && c.admitted.length
      ? c.admitted.flatMap((a) => (a.kind === 'same' ? [`s:${a.specialisationCode}:same`, `s:${a.specialisationCode}:any`] : [`s:${a.specialisationCode}:any`]))
      : [`p:${c.professionCode}`];
  if (!c.workplaces.length) return [...new Set(bases)];
  const areas = ['*', ...new Set(c.workplaces.map((w) => `P${w.provinceCode}`)), ...new Set(c.workplaces.map((w) => `C${w.comuneCode}`))];
  return [...new Set(bases.flatMap((b) => areas.map((a) => `${b}|${a}`)))];
}
