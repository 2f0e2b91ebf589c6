// Completing the discipline → specialisation relation by hand: an admin adds, corrects or deactivates
// an edge, always naming the legal source; every change is audited and marks the edge origin=admin,
// so the boot-time seed never overwrites it.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit, diff } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { f } from '../../platform/forms/index.ts';
import { forbidden, invalid, notFound, ok, type DomainError, type FieldErrors, type Result } from '../../platform/result.ts';
import { disciplines, disciplineSpecialisations, RELATION_KINDS, specialisations } from './tables.ts';
import { matchKey, slugify } from './names.ts';
import { referenceRules } from './policy.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { isUuid } from '../../platform/query.ts';

export type Edge = typeof disciplineSpecialisations.$inferSelect;
/** Values as a form posts them; the schemas parse both these and typed input. */
type RawForm = Record<string, string | string[] | undefined>;


const issuesToFields = (issues: z.core.$ZodIssue[]): FieldErrors => {
  const out: FieldErrors = {};
  for (const i of issues) {
    const k = String(i.path[0] ?? '_form');
    out[k] ??= i.message.includes('.') ? i.message : 'common.forms.invalid_choice';
  }
  return out;
};

/** What every edge change carries: the act or ruling it rests on. */
const sourceFields = {
  source: f.text(500),
  sourceUrl: f.httpsUrl(),
  note: f.optionalText(2000),
};

export const newEdgeSchema = z
  .object({
    disciplineCode: f.int(0, 2_147_483_647),
    /** An existing specialisation… */
    specialisationCode: f.optionalText(100),
    /** …or the name of a title not yet in the list (an older school, a foreign title…). */
    newSpecialisation: f.optionalText(200),
    kind: f.choice(RELATION_KINDS),
    ...sourceFields,
  })
  .superRefine((v, ctx) => {
    if (!v.specialisationCode && !v.newSpecialisation) {
      ctx.addIssue({ code: 'custom', path: ['specialisationCode'], message: 'reference.errors.specialisation_required' });
    }
  });
export type NewEdge = z.input<typeof newEdgeSchema>;

export const correctEdgeSchema = z.object({ kind: f.choice(RELATION_KINDS), ...sourceFields });
export type EdgeCorrection = z.input<typeof correctEdgeSchema>;

export const deactivateEdgeSchema = z.object({ source: f.text(500), sourceUrl: f.httpsUrl(), note: f.optionalText(2000) });
export type EdgeDeactivation = z.input<typeof deactivateEdgeSchema>;

const edgeSummary = async (q: DbOrTx, e: Pick<Edge, 'disciplineCode' | 'specialisationCode' | 'kind'>) => {
  const [d] = await q.select({ name: disciplines.name }).from(disciplines).where(eq(disciplines.code, e.disciplineCode));
  const [s] = await q.select({ name: specialisations.name }).from(specialisations).where(eq(specialisations.code, e.specialisationCode));
  return `${d?.name ?? e.disciplineCode} ← ${s?.name ?? e.specialisationCode} (${e.kind})`;
};

/** The edge, for the correction page (admins only). */
export async function getEdge(db: DbOrTx, actor: Actor, id: string): Promise<Result<Edge & { disciplineName: string; specialisationName: string }, DomainError>> {
  if (!can(actor, referenceRules.edit)) return forbidden();
  if (!isUuid(id)) return notFound();
  const [row] = await db
    .select({ edge: disciplineSpecialisations, disciplineName: disciplines.name, specialisationName: specialisations.name })
    .from(disciplineSpecialisations)
    .innerJoin(disciplines, eq(disciplines.code, disciplineSpecialisations.disciplineCode))
    .innerJoin(specialisations, eq(specialisations.code, disciplineSpecialisations.specialisationCode))
    .where(eq(disciplineSpecialisations.id, id));
  if (!row) return notFound();
  return ok({ ...row.edge, disciplineName: row.disciplineName, specialisationName: row.specialisationName });
}

/**
 * Adds an edge. Adding one that exists but was deactivated brings it back with the new source;
 * adding an active one is refused (correct it instead).
 */
export async function addEdge(deps: Pick<DomainDeps, 'db' | 'events'>, actor: Actor, raw: NewEdge | RawForm): Promise<Result<Edge, DomainError>> {
  if (!can(actor, referenceRules.edit)) return forbidden();
  const parsed = newEdgeSchema.safeParse(raw);
  if (!parsed.success) return invalid(issuesToFields(parsed.error.issues));
  const v = parsed.data;
  const r = await deps.db.transaction(async (tx): Promise<Result<Edge, DomainError>> => {
    const [d] = await tx.select({ code: disciplines.code }).from(disciplines).where(eq(disciplines.code, v.disciplineCode));
    if (!d) return invalid({ disciplineCode: 'reference.errors.unknown_discipline' });

    let specialisationCode = v.specialisationCode;
    if (specialisationCode) {
      const [s] = await tx.select({ code: specialisations.code }).from(specialisations).where(eq(specialisations.code, specialisationCode));
      if (!s) return invalid({ specialisationCode: 'reference.errors.unknown_specialisation' });
    } else {
      const name = v.newSpecialisation!;
      const code = slugify(name);
      if (!code) return invalid({ newSpecialisation: 'reference.errors.invalid_name' });
      const existing = (await tx.select().from(specialisations)).find((s) => s.code === code || matchKey(s.name) === matchKey(name));
      if (existing) specialisationCode = existing.code;
      else {
        await tx.insert(specialisations).values({ code, name, source: `Aggiunta dall'amministrazione: ${v.source}` });
        await audit(tx, actor, { action: 'reference.specialisation.add', entityType: 'specialisation', entityId: code, summary: name, changes: { name, source: v.source } });
        specialisationCode = code;
      }
    }

    const values = {
      kind: v.kind,
      source: v.source,
      sourceUrl: v.sourceUrl ?? null,
      note: v.note ?? null,
      origin: 'admin' as const,
      active: true,
      createdBy: actor.id ?? actor.label,
      updatedAt: new Date(),
    };
    const [existing] = await tx
      .select()
      .from(disciplineSpecialisations)
      .where(and(eq(disciplineSpecialisations.disciplineCode, v.disciplineCode), eq(disciplineSpecialisations.specialisationCode, specialisationCode)));
    let edge: Edge;
    if (existing?.active) return invalid({ specialisationCode: 'reference.errors.edge_exists' });
    if (existing) {
      [edge] = (await tx.update(disciplineSpecialisations).set(values).where(eq(disciplineSpecialisations.id, existing.id)).returning()) as [Edge];
    } else {
      [edge] = (await tx
        .insert(disciplineSpecialisations)
        .values({ disciplineCode: v.disciplineCode, specialisationCode, ...values })
        .returning()) as [Edge];
    }
    await audit(tx, actor, {
      action: 'reference.edge.add',
      entityType: 'discipline_specialisation',
      entityId: edge.id,
      summary: await edgeSummary(tx, edge),
      changes: existing
        ? diff(existing, edge)
        : { disciplineCode: edge.disciplineCode, specialisationCode: edge.specialisationCode, kind: edge.kind, source: edge.source, sourceUrl: edge.sourceUrl, note: edge.note },
    });
    return ok(edge);
  });
  // The calls' pages show the admitted titles read from the graph.
  if (r.ok) deps.events.emit('reference.changed', { disciplineCode: r.value.disciplineCode });
  return r;
}

/** Changes an edge's kind and/or its source (the edge becomes the administration's). */
export async function correctEdge(deps: Pick<DomainDeps, 'db' | 'events'>, actor: Actor, id: string, raw: EdgeCorrection | RawForm): Promise<Result<Edge, DomainError>> {
  if (!can(actor, referenceRules.edit)) return forbidden();
  if (!isUuid(id)) return notFound();
  const parsed = correctEdgeSchema.safeParse(raw);
  if (!parsed.success) return invalid(issuesToFields(parsed.error.issues));
  const v = parsed.data;
  const r = await deps.db.transaction(async (tx): Promise<Result<Edge, DomainError>> => {
    const [before] = await tx.select().from(disciplineSpecialisations).where(eq(disciplineSpecialisations.id, id)).for('update');
    if (!before) return notFound();
    const [after] = (await tx
      .update(disciplineSpecialisations)
      .set({ kind: v.kind, source: v.source, sourceUrl: v.sourceUrl ?? null, note: v.note ?? null, origin: 'admin', updatedAt: new Date() })
      .where(eq(disciplineSpecialisations.id, id))
      .returning()) as [Edge];
    const changes = diff(
      { kind: before.kind, source: before.source, sourceUrl: before.sourceUrl, note: before.note, origin: before.origin },
      { kind: after.kind, source: after.source, sourceUrl: after.sourceUrl, note: after.note, origin: after.origin },
    );
    await audit(tx, actor, { action: 'reference.edge.correct', entityType: 'discipline_specialisation', entityId: id, summary: await edgeSummary(tx, after), changes });
    return ok(after);
  });
  // The calls' pages show the admitted titles read from the graph.
  if (r.ok) deps.events.emit('reference.changed', { disciplineCode: r.value.disciplineCode });
  return r;
}

/**
 * Deactivates an edge: calls stop proposing it. Not deleted, so the history stays readable; the
 * source of the deactivation replaces the edge's source (the audit log keeps the previous one).
 */
export async function deactivateEdge(deps: Pick<DomainDeps, 'db' | 'events'>, actor: Actor, id: string, raw: EdgeDeactivation | RawForm): Promise<Result<Edge, DomainError>> {
  if (!can(actor, referenceRules.edit)) return forbidden();
  if (!isUuid(id)) return notFound();
  const parsed = deactivateEdgeSchema.safeParse(raw);
  if (!parsed.success) return invalid(issuesToFields(parsed.error.issues));
  const v = parsed.data;
  const r = await deps.db.transaction(async (tx): Promise<Result<Edge, DomainError>> => {
    const [before] = await tx.select().from(disciplineSpecialisations).where(eq(disciplineSpecialisations.id, id)).for('update');
    if (!before) return notFound();
    if (!before.active) return invalid({ _form: 'reference.errors.already_inactive' });
    const [after] = (await tx
      .update(disciplineSpecialisations)
      .set({ active: false, source: v.source, sourceUrl: v.sourceUrl ?? null, note: v.note ?? before.note, origin: 'admin', updatedAt: new Date() })
      .where(eq(disciplineSpecialisations.id, id))
      .returning()) as [Edge];
    await audit(tx, actor, {
      action: 'reference.edge.deactivate',
      entityType: 'discipline_specialisation',
      entityId: id,
      summary: await edgeSummary(tx, after),
      changes: diff(
        { active: before.active, source: before.source, sourceUrl: before.sourceUrl, note: before.note, origin: before.origin },
        { active: after.active, source: after.source, sourceUrl: after.sourceUrl, note: after.note, origin: after.origin },
      ),
    });
    return ok(after);
  });
  // The calls' pages show the admitted titles read from the graph.
  if (r.ok) deps.events.emit('reference.changed', { disciplineCode: r.value.disciplineCode });
  return r;
}
