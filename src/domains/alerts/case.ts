// The team opens (or finds) the case of someone subscribed to alerts, from their page: the person
// then has a case like everyone the welcome team follows.
import { eq } from 'drizzle-orm';
import type { DomainDeps } from '../../platform/domain-deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { can, type Actor } from '../../platform/authz/index.ts';
import { isUuid } from '../../platform/query.ts';
import { forbidden, notFound, ok, type Result } from '../../platform/result.ts';
import { addCaseEvent, caseRules, ensureCase } from '../cases/index.ts';
import { alertSubscribers } from './tables.ts';

export async function openCaseForSubscriber(deps: DomainDeps, actor: Actor, subscriberId: string): Promise<Result<{ id: string }>> {
  if (!can(actor, caseRules.update)) return forbidden();
  if (!isUuid(subscriberId)) return notFound();
  return deps.db.transaction(async (tx): Promise<Result<{ id: string }>> => {
    const [s] = await tx.select().from(alertSubscribers).where(eq(alertSubscribers.id, subscriberId));
    if (!s) return notFound();
    const now = deps.now();
    const c = await ensureCase(tx, { name: s.name, email: s.email, locale: s.locale, professionCode: s.professionCode }, 'alert', actor, now);
    await addCaseEvent(tx, c.id, { kind: 'note', summary: 'alert:opened', data: { subscriberId } }, actor, now);
    await audit(tx, actor, { action: 'case.opened_from_subscriber', entityType: 'case', entityId: c.id });
    return ok({ id: c.id });
  });
}
