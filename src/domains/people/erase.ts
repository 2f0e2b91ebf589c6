// A person across every capability that holds them (GDPR art. 15, 17, 20): what is held, an export,
// and the erasure — on request from the person's case (admins), by the person themselves for their
// own account, or by the retention rule. Each capability says what it holds through the
// `personalData` of its manifest; this module only iterates them, in one transaction (ADR 009, 011).
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { anonymiseAudit, audit } from '../../platform/audit/index.ts';
import { can, SYSTEM_ACTOR, type Actor } from '../../platform/authz/index.ts';
import { f, parseForm, type FormValues } from '../../platform/forms/index.ts';
import type { DomainManifest, PersonCounts, PersonRef, PersonalData } from '../../platform/manifest.ts';
import { forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { caseRules, caseSummary, quietCases, type CaseStage } from '../cases/index.ts';
import { retentionCutoff } from '../leads/index.ts';

/** What stands in the audit log where a label or summary named the erased person. */
export const ERASED_LABEL = '[erased]';

export interface PersonPart {
  /** The capability (manifest name) holding it. */
  capability: string;
  /** Erased only when asked (the alert subscription). */
  optional: boolean;
  erase: PersonCounts;
  keep: PersonCounts;
}

export interface ErasurePreview {
  case: { id: string; name: string; email: string | null; stage: CaseStage };
  parts: PersonPart[];
}

/** Counts per capability of what an erasure removed. */
export type ErasureCounts = Record<string, PersonCounts>;

type Holder = { name: string; data: PersonalData };

function holders(manifests: readonly DomainManifest[]): Holder[] {
  return manifests
    .filter((m): m is DomainManifest & { personalData: PersonalData } => !!m.personalData)
    .map((m) => ({ name: m.name, data: m.personalData }))
    .sort((a, b) => (a.data.order ?? 50) - (b.data.order ?? 50) || a.name.localeCompare(b.name));
}

const lower = (emails: (string | null | undefined)[]) => [...new Set(emails.filter((e): e is string => !!e).map((e) => e.trim().toLowerCase()))];

/**
 * The person with every capability's references: starting from a case, an address or an account,
 * each capability adds what it knows (the cases domain the merged cases and their addresses), until
 * nothing new is found.
 */
export async function resolvePerson(deps: DomainDeps, q: DbOrTx, start: Partial<Pick<PersonRef, 'emails' | 'userIds'>> & { refs?: PersonRef['refs'] }, opts: { lock: boolean }): Promise<PersonRef> {
  const person: PersonRef = { emails: lower(start.emails ?? []), userIds: [...(start.userIds ?? [])], refs: { ...(start.refs ?? {}) } };
  for (let round = 0; round < 3; round++) {
    const before = JSON.stringify(person);
    for (const h of holders(deps.manifests)) {
      const found = await h.data.resolve?.(q, person, opts);
      if (!found) continue;
      person.emails = lower([...person.emails, ...(found.emails ?? [])]);
      for (const [k, ids] of Object.entries(found.refs ?? {}) as [keyof PersonRef['refs'], string[]][]) {
        person.refs[k] = [...new Set([...(person.refs[k] ?? []), ...ids])];
      }
    }
    if (JSON.stringify(person) === before) break;
  }
  return person;
}

/** What each capability holds of the person. */
export async function personParts(deps: DomainDeps, q: DbOrTx, person: PersonRef): Promise<PersonPart[]> {
  const now = deps.now();
  const parts: PersonPart[] = [];
  for (const h of holders(deps.manifests)) {
    const c = await h.data.count(q, person, now);
    parts.push({ capability: h.name, optional: !!h.data.optional, erase: c.erase, keep: c.keep ?? {} });
  }
  return parts;
}

const total = (counts: PersonCounts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Everything the capabilities hold of the person, as one JSON document. */
export async function personExport(deps: DomainDeps, q: DbOrTx, person: PersonRef): Promise<{ generatedAt: string; emails: string[]; data: Record<string, Record<string, unknown[]>> }> {
  const data: Record<string, Record<string, unknown[]>> = {};
  for (const h of holders(deps.manifests)) {
    const part = await h.data.export(q, person, deps.now());
    if (Object.values(part).some((rows) => rows.length)) data[h.name] = part;
  }
  return { generatedAt: deps.now().toISOString(), emails: person.emails, data };
}

/** The erasure itself, inside the caller's transaction, in manifest order (cases last). */
async function eraseResolved(deps: DomainDeps, tx: DbOrTx, person: PersonRef, opts: { include: ReadonlySet<string>; reason: 'request' | 'retention' }): Promise<ErasureCounts> {
  const now = deps.now();
  const counts: ErasureCounts = {};
  for (const h of holders(deps.manifests)) {
    if (h.data.optional && !opts.include.has(h.name)) continue;
    const c = await h.data.erase(tx, person, { deps, now, reason: opts.reason });
    if (total(c)) counts[h.name] = c;
  }
  // People without an account appear in the log by address (bookings, links sent to them).
  await anonymiseAudit(tx, person, ERASED_LABEL);
  return counts;
}

async function caseStart(deps: DomainDeps, q: DbOrTx, caseId: string, lock: boolean) {
  const summary = await caseSummary(q, caseId, { lock });
  if (!summary) return null;
  const person = await resolvePerson(deps, q, { emails: summary.email ? [summary.email] : [], refs: { cases: [summary.id] } }, { lock });
  return { summary, person };
}

export async function erasurePreview(deps: DomainDeps, actor: Actor, caseId: string): Promise<Result<ErasurePreview>> {
  if (!can(actor, caseRules.erase)) return forbidden();
  const start = await caseStart(deps, deps.db, caseId, false);
  if (!start) return notFound();
  const { summary, person } = start;
  return ok({ case: { id: summary.id, name: summary.name, email: summary.email, stage: summary.stage }, parts: await personParts(deps, deps.db, person) });
}

export const eraseSchema = z.object({ include: f.many(z.string().max(60)) });

/** Erases the person of a case on their request (admins only), with the optional parts asked for. */
export async function erasePerson(deps: DomainDeps, actor: Actor, caseId: string, raw: FormValues = {}): Promise<Result<ErasureCounts>> {
  if (!can(actor, caseRules.erase)) return forbidden();
  const parsed = parseForm(eraseSchema, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  const optional = new Set(holders(deps.manifests).filter((h) => h.data.optional).map((h) => h.name));
  if (parsed.data.include.some((n) => !optional.has(n))) return invalid({ include: 'common.forms.invalid_choice' });
  return deps.db.transaction(async (tx): Promise<Result<ErasureCounts>> => {
    const start = await caseStart(deps, tx, caseId, true);
    if (!start) return notFound();
    const counts = await eraseResolved(deps, tx, start.person, { include: new Set(parsed.data.include), reason: 'request' });
    await audit(tx, actor, { action: 'case.erased', entityType: 'case', entityId: caseId, summary: 'on request', changes: { counts } });
    return ok(counts);
  });
}

/** The person of a case as one JSON document (art. 15 and 20), for admins answering a request. */
export async function exportCasePerson(deps: DomainDeps, actor: Actor, caseId: string): Promise<Result<Awaited<ReturnType<typeof personExport>>>> {
  if (!can(actor, caseRules.erase)) return forbidden();
  const start = await caseStart(deps, deps.db, caseId, false);
  if (!start) return notFound();
  const doc = await personExport(deps, deps.db, start.person);
  await audit(deps.db, actor, { action: 'case.exported', entityType: 'case', entityId: caseId, summary: 'on request' });
  return ok(doc);
}

/** The signed-in person's own data (every account may download it). */
export async function exportMyData(deps: DomainDeps, actor: Actor): Promise<Result<Awaited<ReturnType<typeof personExport>>>> {
  if (!actor.id || actor.id.startsWith('api:') || actor.role === 'system' || actor.role === 'anonymous') return forbidden();
  const person = await resolvePerson(deps, deps.db, { emails: [actor.label], userIds: [actor.id] }, { lock: false });
  return ok(await personExport(deps, deps.db, person));
}

/** What erasing the signed-in person's own account would remove (members only: staff accounts are the agency's). */
export async function myErasurePreview(deps: DomainDeps, actor: Actor): Promise<Result<PersonPart[]>> {
  if (actor.role !== 'member' || !actor.id) return forbidden();
  const person = await resolvePerson(deps, deps.db, { emails: [actor.label], userIds: [actor.id] }, { lock: false });
  return ok(await personParts(deps, deps.db, person));
}

/** Erases the signed-in member's account and everything held under their address, optional parts included. */
export async function eraseMyAccount(deps: DomainDeps, actor: Actor): Promise<Result<ErasureCounts>> {
  if (actor.role !== 'member' || !actor.id) return forbidden();
  const userId = actor.id;
  return deps.db.transaction(async (tx) => {
    const person = await resolvePerson(deps, tx, { emails: [actor.label], userIds: [userId] }, { lock: true });
    const all = new Set(holders(deps.manifests).map((h) => h.name));
    const counts = await eraseResolved(deps, tx, person, { include: all, reason: 'request' });
    await audit(tx, { ...actor, label: ERASED_LABEL }, { action: 'account.erased', entityType: 'user', entityId: userId, summary: 'by the person', changes: { counts } });
    return ok(counts);
  });
}

/** Months without any activity after which a case is erased: the same period as leads. */
export { LEAD_RETENTION_MONTHS as CASE_RETENTION_MONTHS } from '../leads/index.ts';

/** Whether any capability still holds something live for the person (since `since`). */
async function stillActive(deps: DomainDeps, tx: DbOrTx, person: PersonRef, since: Date, now: Date): Promise<boolean> {
  for (const h of holders(deps.manifests)) if (await h.data.activeSince?.(tx, person, since, now)) return true;
  return false;
}

/**
 * The daily retention run: erases the people whose case had no activity for 24 months and who have
 * nothing live anywhere else (each capability's activeSince), each in its own transaction.
 */
export async function eraseQuietCases(deps: DomainDeps): Promise<{ erased: number }> {
  const now = deps.now();
  const since = retentionCutoff(now);
  let erased = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await quietCases(deps.db, since, after, 200);
    for (const c of batch) {
      const done = await deps.db.transaction(async (tx) => {
        const start = await caseStart(deps, tx, c.id, true);
        if (!start || (await stillActive(deps, tx, start.person, since, now))) return false;
        const counts = await eraseResolved(deps, tx, start.person, { include: new Set(), reason: 'retention' });
        await audit(tx, SYSTEM_ACTOR, { action: 'case.erased', entityType: 'case', entityId: c.id, summary: 'retention', changes: { counts } });
        return true;
      });
      if (done) erased++;
    }
    if (batch.length < 200) break;
    after = batch.at(-1)!.id;
  }
  return { erased };
}
