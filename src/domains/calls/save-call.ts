// Create and edit a call: validate → check references → authorize → transaction (call, admitted
// specialisations, workplaces) → audit → event. Edits use optimistic locking on `version`.
import { eq, inArray } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import { audit, diff } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { err, forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { callSpecialisations, callWorkplaces, calls } from './tables.ts';
import { checkReferences, parseCallInput, type CallInput } from './input.ts';
import { uniqueSlug, slugify } from './slug.ts';
import { comuni, admittedSpecialisations, identitySpecialisations } from '../reference/index.ts';
import { callRules } from './policy.ts';

export type Call = typeof calls.$inferSelect;

function columns(input: CallInput, actorId: string | null) {
  return {
    title: input.title,
    type: input.type,
    employerId: input.employerId,
    professionCode: input.professionCode,
    disciplineCode: input.disciplineCode ?? null,
    posts: input.posts,
    contractTerm: input.contractTerm,
    contractHours: input.contractHours,
    descriptionMd: input.descriptionMd,
    requirementsMd: input.requirementsMd,
    publishAt: input.publishAt,
    deadline: input.deadline,
    officialRef: input.officialRef ?? null,
    applicationUrl: input.applicationUrl ?? null,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
    updatedBy: actorId,
  };
}

async function writeRelations(tx: DbOrTx, callId: string, input: CallInput) {
  await tx.delete(callSpecialisations).where(eq(callSpecialisations.callId, callId));
  // Not given: propose what the relation graph admits (same, equipollent, affine). Given: the list, plus
  // the discipline's identity titles, which the law admits in any case (equipollent/affine stay a choice).
  const specs =
    input.specialisations ??
    (input.disciplineCode ? (await admittedSpecialisations(tx, input.disciplineCode)).map((e) => ({ code: e.specialisationCode, kind: e.kind })) : []);
  const identity = input.specialisations && input.disciplineCode ? await identitySpecialisations(tx, input.disciplineCode) : [];
  const unique = [...new Map([...specs, ...identity.map((e) => ({ code: e.specialisationCode, kind: 'same' as const }))].map((s) => [s.code, s])).values()];
  if (unique.length) await tx.insert(callSpecialisations).values(unique.map((s) => ({ callId, specialisationCode: s.code, kind: s.kind })));
  await tx.delete(callWorkplaces).where(eq(callWorkplaces.callId, callId));
  const codes = [...new Set(input.workplaces)];
  if (codes.length) {
    const rows = await tx.select({ code: comuni.code, provinceCode: comuni.provinceCode }).from(comuni).where(inArray(comuni.code, codes));
    await tx.insert(callWorkplaces).values(rows.map((r) => ({ callId, comuneCode: r.code, provinceCode: r.provinceCode })));
  }
}

/** Validates a raw input (form, import row, API body) fully, without writing. */
export async function validateCall(q: DbOrTx, raw: unknown): Promise<Result<CallInput>> {
  const parsed = parseCallInput(raw);
  if (!parsed.ok) return invalid(parsed.fields);
  const refErrors = await checkReferences(q, parsed.value);
  if (Object.keys(refErrors).length) return invalid(refErrors);
  return ok(parsed.value);
}

export async function createCall(deps: DomainDeps, actor: Actor, raw: unknown, opts: { tx?: DbOrTx; isDemo?: boolean } = {}): Promise<Result<Call>> {
  if (!can(actor, callRules.create)) return forbidden();
  const run = async (tx: DbOrTx): Promise<Result<Call>> => {
    const v = await validateCall(tx, raw);
    if (!v.ok) return v;
    const input = v.value;
    const slug = await uniqueSlug(tx, input.slug ?? slugify(input.title));
    const [call] = await tx
      .insert(calls)
      .values({ ...columns(input, actor.id), slug, status: 'draft', createdBy: actor.id, isDemo: opts.isDemo ?? false })
      .returning();
    await writeRelations(tx, call.id, input);
    await audit(tx, actor, { action: 'call.created', entityType: 'call', entityId: call.id, summary: call.title });
    return ok(call);
  };
  const result = opts.tx ? await run(opts.tx) : await deps.db.transaction(run);
  if (result.ok) deps.events.emit('calls.changed', { id: result.value.id });
  return result;
}

export async function updateCall(deps: DomainDeps, actor: Actor, id: string, raw: unknown, expectedVersion?: number): Promise<Result<Call>> {
  if (!can(actor, callRules.update)) return forbidden();
  const result = await deps.db.transaction(async (tx): Promise<Result<Call>> => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!before) return notFound();
    if (before.status === 'archived') return err({ code: 'invalid_state', message: 'calls.errors.archived_readonly' });
    if (expectedVersion !== undefined && expectedVersion !== before.version) return err({ code: 'conflict', message: 'calls.errors.edited_meanwhile' });
    const v = await validateCall(tx, raw);
    if (!v.ok) return v;
    const input = v.value;
    const slug = input.slug && input.slug !== before.slug ? await uniqueSlug(tx, input.slug, id) : before.slug;
    // Once published, the publication time belongs to the lifecycle: an edit that leaves it empty
    // keeps it (otherwise the call would silently vanish from the public site).
    if (before.status !== 'draft' && !input.publishAt) input.publishAt = before.publishAt;
    const [after] = await tx
      .update(calls)
      .set({ ...columns(input, actor.id), slug, version: before.version + 1, updatedAt: deps.now() })
      .where(eq(calls.id, id))
      .returning();
    await writeRelations(tx, id, input);
    const changes = diff(before as unknown as Record<string, unknown>, { ...columns(input, actor.id), slug });
    delete changes.updatedBy;
    await audit(tx, actor, { action: 'call.updated', entityType: 'call', entityId: id, summary: after.title, changes });
    return ok(after);
  });
  if (result.ok) deps.events.emit('calls.changed', { id });
  return result;
}
