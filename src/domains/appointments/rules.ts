// A team member's weekly availability: list, add, edit and remove their own rules (validated here,
// so every entry point gets the same checks). Appointments copy their time, place and mode when
// booked, so editing or deleting a rule never moves or cancels what is already booked.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { fromRomeLocal, toRomeLocal } from '../../platform/i18n/format.ts';
import { forbidden, invalid, notFound, ok, type FieldErrors, type Result } from '../../platform/result.ts';
import { APPOINTMENT_MODES, availabilityRules } from './tables.ts';
import { appointmentRules } from './policy.ts';
import { isUuid } from '../../platform/query.ts';

export type AvailabilityRule = typeof availabilityRules.$inferSelect;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface RuleInput {
  weekday: string;
  startTime: string;
  endTime: string;
  slotMinutes: string;
  bufferMinutes: string;
  mode: string;
  location: string;
  validFrom?: string;
  validUntil?: string;
}

const ruleSchema = z.object({
  weekday: z.coerce.number().int().min(1, 'common.forms.required').max(7, 'common.forms.required'),
  startTime: z.string().regex(HHMM, 'appointments_admin.errors.time'),
  endTime: z.string().regex(HHMM, 'appointments_admin.errors.time'),
  slotMinutes: z.coerce.number().int().min(10, 'appointments_admin.errors.slot').max(240, 'appointments_admin.errors.slot'),
  bufferMinutes: z.coerce.number().int().min(0, 'appointments_admin.errors.buffer').max(120, 'appointments_admin.errors.buffer'),
  mode: z.enum(APPOINTMENT_MODES, { message: 'common.forms.required' }),
  location: z.string().trim().min(1, 'common.forms.required').max(300, 'common.forms.too_long'),
  validFrom: z.string().trim().optional(),
  validUntil: z.string().trim().optional(),
});

/** Field errors as i18n keys, or the values to store. */
export function parseRule(input: RuleInput): { ok: true; value: Omit<typeof availabilityRules.$inferInsert, 'userId'> } | { ok: false; fields: FieldErrors } {
  const r = ruleSchema.safeParse(input);
  const fields: FieldErrors = {};
  if (!r.success) {
    for (const i of r.error.issues) fields[String(i.path[0])] ??= i.message;
    return { ok: false, fields };
  }
  const v = r.data;
  if (v.startTime >= v.endTime) fields.endTime = 'appointments_admin.errors.end_before_start';
  if (v.mode === 'video') {
    let url: URL | null = null;
    try {
      url = new URL(v.location);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:') fields.location = 'appointments_admin.errors.https';
  }
  const from = v.validFrom ? (DATE.test(v.validFrom) ? fromRomeLocal(v.validFrom) : null) : undefined;
  const until = v.validUntil ? (DATE.test(v.validUntil) ? fromRomeLocal(v.validUntil, '23:59') : null) : undefined;
  if (from === null) fields.validFrom = 'appointments_admin.errors.date';
  if (until === null) fields.validUntil = 'appointments_admin.errors.date';
  if (from && until && until < from) fields.validUntil = 'appointments_admin.errors.until_before_from';
  if (Object.keys(fields).length) return { ok: false, fields };
  return {
    ok: true,
    value: {
      weekday: v.weekday,
      startTime: v.startTime,
      endTime: v.endTime,
      slotMinutes: v.slotMinutes,
      bufferMinutes: v.bufferMinutes,
      mode: v.mode,
      location: v.location,
      validFrom: from ?? null,
      validUntil: until ?? null,
    },
  };
}

export async function listMyRules(db: DbOrTx, actor: Actor): Promise<Result<AvailabilityRule[]>> {
  if (!can(actor, appointmentRules.manage) || !actor.id) return forbidden();
  const rows = await db
    .select()
    .from(availabilityRules)
    .where(eq(availabilityRules.userId, actor.id))
    .orderBy(asc(availabilityRules.weekday), asc(availabilityRules.startTime));
  return ok(rows);
}

export async function addRule(deps: DomainDeps, actor: Actor, input: RuleInput): Promise<Result<AvailabilityRule>> {
  if (!can(actor, appointmentRules.manage) || !actor.id) return forbidden();
  const parsed = parseRule(input);
  if (!parsed.ok) return invalid(parsed.fields);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(availabilityRules).values({ ...parsed.value, userId: actor.id! }).returning();
    await audit(tx, actor, { action: 'appointments.rule_added', entityType: 'availability_rule', entityId: row!.id, summary: `${row!.weekday} ${row!.startTime}-${row!.endTime}` });
    return ok(row!);
  });
}

export async function deleteRule(deps: DomainDeps, actor: Actor, id: string): Promise<Result<null>> {
  if (!can(actor, appointmentRules.manage) || !actor.id) return forbidden();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return notFound();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(availabilityRules)
      .where(and(eq(availabilityRules.id, id), eq(availabilityRules.userId, actor.id!)))
      .returning();
    if (!row) return notFound();
    await audit(tx, actor, { action: 'appointments.rule_deleted', entityType: 'availability_rule', entityId: id });
    return ok(null);
  });
}


/** One of my rules, for the edit form. */
export async function getMyRule(db: DbOrTx, actor: Actor, id: string): Promise<Result<AvailabilityRule>> {
  if (!can(actor, appointmentRules.manage) || !actor.id) return forbidden();
  if (!isUuid(id)) return notFound();
  const [row] = await db.select().from(availabilityRules).where(and(eq(availabilityRules.id, id), eq(availabilityRules.userId, actor.id)));
  return row ? ok(row) : notFound();
}

export async function updateRule(deps: DomainDeps, actor: Actor, id: string, input: RuleInput): Promise<Result<AvailabilityRule>> {
  if (!can(actor, appointmentRules.manage) || !actor.id) return forbidden();
  if (!isUuid(id)) return notFound();
  const parsed = parseRule(input);
  if (!parsed.ok) return invalid(parsed.fields);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(availabilityRules)
      .set(parsed.value)
      .where(and(eq(availabilityRules.id, id), eq(availabilityRules.userId, actor.id!)))
      .returning();
    if (!row) return notFound();
    await audit(tx, actor, { action: 'appointments.rule_updated', entityType: 'availability_rule', entityId: id, summary: `${row.weekday} ${row.startTime}-${row.endTime}` });
    return ok(row);
  });
}

/** A rule as the form's values (dates in Rome). */
export function ruleValues(r: AvailabilityRule): Record<string, string> {
  return {
    weekday: String(r.weekday),
    startTime: r.startTime,
    endTime: r.endTime,
    slotMinutes: String(r.slotMinutes),
    bufferMinutes: String(r.bufferMinutes),
    mode: r.mode,
    location: r.location,
    validFrom: r.validFrom ? toRomeLocal(r.validFrom).date : '',
    validUntil: r.validUntil ? toRomeLocal(r.validUntil).date : '',
  };
}
