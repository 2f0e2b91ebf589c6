// What the back-office call pages read besides the call itself: the choices of the form (employers,
// professions, disciplines, admitted specialisations with their legal source), workplaces typed as
// names or ISTAT codes, counts per state, and a call's audit history.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { auditFor } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { forbidden, ok, type Result } from '../../platform/result.ts';
import { organisations } from '../organisations/index.ts';
import { specialisations, admittedSpecialisations, comuneLabel, listDisciplines, listProfessions, resolveComune, searchComuni } from '../reference/index.ts';
import { calls } from './tables.ts';
import { CALL_STATES, stateWhere, type CallState } from './state.ts';
import { callRules } from './policy.ts';

export interface EmployerOption {
  id: string;
  slug: string;
  name: string;
}

/** Organisations that may own calls, by name. */
export async function employerOptions(q: DbOrTx): Promise<EmployerOption[]> {
  return q
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.isEmployer, true))
    .orderBy(asc(organisations.name));
}

export interface CallFormOptions {
  employers: EmployerOption[];
  professions: { code: string; name: string; nameEn: string | null; hasDisciplines: boolean }[];
  disciplines: { code: number; name: string; professionCode: string }[];
}

export async function callFormOptions(q: DbOrTx): Promise<CallFormOptions> {
  const [employers, professions, disciplines] = await Promise.all([employerOptions(q), listProfessions(q), listDisciplines(q)]);
  return {
    employers,
    professions: professions.map((p) => ({ code: p.code, name: p.name, nameEn: p.nameEn, hasDisciplines: p.hasDisciplines })),
    disciplines: disciplines.map((d) => ({ code: d.code, name: d.name, professionCode: d.professionCode })),
  };
}

/** Disciplines of one profession (the form narrows its list when the profession changes). */
export async function disciplineOptions(q: DbOrTx, professionCode: string | undefined) {
  const rows = await listDisciplines(q, professionCode || undefined);
  return rows.map((d) => ({ code: d.code, name: d.name, professionCode: d.professionCode }));
}

export interface SpecialisationCandidate {
  code: string;
  name: string;
  kind: 'same' | 'equipollent' | 'affine';
  /** The legal source of the edge in the relation graph; null for a choice made on this call only. */
  source: string | null;
  /** An identity title of the discipline: admitted by law to every call in it, so not removable. */
  fixed: boolean;
}

/**
 * The specialisations a form offers: the relation graph's proposal for the discipline (its identity
 * titles fixed, the equipollent and affine ones to tick), plus any already chosen for the call that
 * the graph does not (or no longer) propose.
 */
export async function specialisationCandidates(
  q: DbOrTx,
  disciplineCode: number | null,
  chosen: { code: string; kind: SpecialisationCandidate['kind'] }[] = [],
): Promise<SpecialisationCandidate[]> {
  const graph = disciplineCode != null ? await admittedSpecialisations(q, disciplineCode) : [];
  const out: SpecialisationCandidate[] = graph.map((e) => ({ code: e.specialisationCode, name: e.specialisationName, kind: e.kind, source: e.source, fixed: e.kind === 'same' }));
  const known = new Set(out.map((c) => c.code));
  const extra = chosen.filter((c) => !known.has(c.code));
  if (extra.length) {
    const names = await q
      .select({ code: specialisations.code, name: specialisations.name })
      .from(specialisations)
      .where(inArray(specialisations.code, extra.map((c) => c.code).slice(0, 300)));
    const byCode = new Map(names.map((n) => [n.code, n.name]));
    for (const c of extra) if (byCode.has(c.code)) out.push({ code: c.code, name: byCode.get(c.code)!, kind: c.kind, source: null, fixed: false });
  }
  return out;
}

export interface WorkplaceProblem {
  text: string;
  problem: 'not_found' | 'ambiguous';
  /** For an ambiguous name: how to write each comune it may mean ("Samone (TN)"). */
  candidates: string[];
}

/** Splits a list of comuni as typed ("Trento, 022205, Samone (TN)") into its entries. */
export function splitWorkplaces(text: string, separator: ',' | '|'): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Resolves comuni typed as ISTAT codes or names (with the province abbreviation when a name is
 * shared) to ISTAT codes; every entry that cannot be resolved is reported, not dropped.
 */
export async function resolveWorkplaces(
  q: DbOrTx,
  entries: string[],
): Promise<{ codes: string[]; labels: string[]; problems: WorkplaceProblem[] }> {
  const codes: string[] = [];
  const labels: string[] = [];
  const problems: WorkplaceProblem[] = [];
  for (const text of entries.slice(0, 200)) {
    const r = await resolveComune(q, text);
    if (r.ok) {
      if (!codes.includes(r.value.code)) {
        codes.push(r.value.code);
        labels.push(comuneLabel(r.value));
      }
      continue;
    }
    const candidates =
      r.error === 'ambiguous'
        ? (await searchComuni(q, { q: text.replace(/\s*\(.*$/, ''), limit: 50 }))
            .filter((c) => c.name.toLowerCase() === text.replace(/\s*\(.*$/, '').trim().toLowerCase())
            .map(comuneLabel)
        : [];
    problems.push({ text: text.slice(0, 120), problem: r.error, candidates });
  }
  return { codes, labels, problems };
}

/** How a call's stored workplaces read in the form: "Trento (TN), Rovereto (TN)". */
export function workplacesText(rows: { name: string; province: string }[]): string {
  return rows.map((w) => comuneLabel({ name: w.name, provinceAbbreviation: w.province })).join(', ');
}

/** Comuni matching what someone typed, for the form's search helper. */
export async function findComuni(q: DbOrTx, text: string) {
  const term = text.trim().slice(0, 100);
  if (term.length < 2) return [];
  const rows = await searchComuni(q, { q: term, limit: 15 });
  return rows.map((c) => ({ code: c.code, label: comuneLabel(c) }));
}

/** How many calls are in each state now (the back-office list's filter shows them). */
export async function adminStateCounts(db: Db, now: Date): Promise<Record<CallState, number>> {
  const [row] = await db
    .select(
      Object.fromEntries(CALL_STATES.map((s) => [s, sql<number>`(count(*) filter (where ${stateWhere(s, now)}))::int`])) as Record<
        CallState,
        ReturnType<typeof sql<number>>
      >,
    )
    .from(calls);
  return Object.fromEntries(CALL_STATES.map((s) => [s, Number(row?.[s] ?? 0)])) as Record<CallState, number>;
}

export type CallHistoryEntry = Awaited<ReturnType<typeof auditFor>>[number];

/** Who did what to a call and when, newest first. */
export async function callHistory(db: Db, actor: Actor, callId: string): Promise<Result<CallHistoryEntry[]>> {
  if (!can(actor, callRules.readAdmin)) return forbidden();
  return ok(await auditFor(db, 'call', callId));
}
