// Attachments of a call: PDF only (checked by its bytes, not its name), at most 10 MB each.
import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { forbidden, invalid, notFound, ok, type Result } from '../../platform/result.ts';
import { callAttachments, calls } from './tables.ts';
import { callRules } from './policy.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 8 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** A filename safe to show and to send in Content-Disposition. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'allegato.pdf';
  const cleaned = base.normalize('NFC').replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 120).trim();
  return /\.pdf$/i.test(cleaned) ? cleaned : `${cleaned || 'allegato'}.pdf`;
}

export async function addAttachment(
  deps: DomainDeps,
  actor: Actor,
  callId: string,
  file: { name: string; type: string; bytes: Uint8Array },
  title?: string | null,
): Promise<Result<{ id: string }>> {
  if (!can(actor, callRules.attachments)) return forbidden();
  if (!file.bytes.length) return invalid({ file: 'calls.errors.attachment_empty' });
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) return invalid({ file: 'calls.errors.attachment_too_big' });
  if (!isPdf(file.bytes)) return invalid({ file: 'calls.errors.attachment_not_pdf' });
  if (title && title.length > 200) return invalid({ title: 'common.forms.too_long' });
  const result = await deps.db.transaction(async (tx): Promise<Result<{ id: string }>> => {
    const [c] = await tx.select({ id: calls.id, status: calls.status }).from(calls).where(eq(calls.id, callId));
    if (!c) return notFound();
    const [{ n }] = await tx.select({ n: count() }).from(callAttachments).where(eq(callAttachments.callId, callId));
    if (Number(n) >= MAX_ATTACHMENTS) return invalid({ file: 'calls.errors.attachment_too_many' });
    const filename = cleanFilename(file.name);
    const [row] = await tx
      .insert(callAttachments)
      .values({
        callId,
        filename,
        title: title || null,
        contentType: 'application/pdf',
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        data: Buffer.from(file.bytes),
      })
      .returning({ id: callAttachments.id });
    await audit(tx, actor, { action: 'call.attachment_added', entityType: 'call', entityId: callId, summary: filename });
    return ok(row);
  });
  if (result.ok) deps.events.emit('calls.changed', { id: callId });
  return result;
}

export async function removeAttachment(deps: DomainDeps, actor: Actor, callId: string, attachmentId: string): Promise<Result<true>> {
  if (!can(actor, callRules.attachments)) return forbidden();
  const result = await deps.db.transaction(async (tx): Promise<Result<true>> => {
    const [gone] = await tx
      .delete(callAttachments)
      .where(and(eq(callAttachments.id, attachmentId), eq(callAttachments.callId, callId)))
      .returning({ filename: callAttachments.filename });
    if (!gone) return notFound();
    await audit(tx, actor, { action: 'call.attachment_removed', entityType: 'call', entityId: callId, summary: gone.filename });
    return ok(true);
  });
  if (result.ok) deps.events.emit('calls.changed', { id: callId });
  return result;
}
