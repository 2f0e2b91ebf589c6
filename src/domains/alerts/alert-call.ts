// What an alert says about a call and why it matched: the call's card (title, employer, places,
// deadline) and, per matched specialisation, the relation and its legal source — or that it went to the
// whole profession because no specialisation admitted for its discipline is known.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { calls, callWorkplaces } from '../calls/index.ts';
import { organisations } from '../organisations/index.ts';
import { comuni, disciplines, disciplineSpecialisations, professions, specialisations } from '../reference/index.ts';
import { t } from '../../platform/i18n/index.ts';
import type { AlertCall, MatchReason } from './mails.ts';

export interface AlertCallInfo {
  call: AlertCall & { professionCode: string; disciplineCode: number | null };
  /** The reason of a delivery, from its stored specialisation and kind, in a language. */
  reason(locale: Locale, specialisationCode: string | null, kind: string | null): MatchReason;
}

export async function loadAlertCall(db: DbOrTx, callId: string): Promise<AlertCallInfo | null> {
  const [c] = await db
    .select({
      id: calls.id,
      slug: calls.slug,
      title: calls.title,
      type: calls.type,
      deadline: calls.deadline,
      professionCode: calls.professionCode,
      disciplineCode: calls.disciplineCode,
      employer: organisations.name,
      professionName: professions.name,
      professionNameEn: professions.nameEn,
      disciplineName: disciplines.name,
    })
    .from(calls)
    .innerJoin(organisations, eq(organisations.id, calls.employerId))
    .innerJoin(professions, eq(professions.code, calls.professionCode))
    .leftJoin(disciplines, eq(disciplines.code, calls.disciplineCode))
    .where(eq(calls.id, callId));
  if (!c) return null;
  const places = await db
    .select({ name: comuni.name })
    .from(callWorkplaces)
    .innerJoin(comuni, eq(comuni.code, callWorkplaces.comuneCode))
    .where(eq(callWorkplaces.callId, callId))
    .orderBy(comuni.name);
  const specs = new Map<string, { name: string; source: string | null }>();
  if (c.disciplineCode != null) {
    const rows = await db
      .select({ code: specialisations.code, name: specialisations.name, source: disciplineSpecialisations.source })
      .from(specialisations)
      .leftJoin(
        disciplineSpecialisations,
        and(
          eq(disciplineSpecialisations.specialisationCode, specialisations.code),
          eq(disciplineSpecialisations.disciplineCode, c.disciplineCode),
          eq(disciplineSpecialisations.active, true),
        ),
      );
    for (const r of rows) specs.set(r.code, { name: r.name, source: r.source });
  }
  return {
    call: { ...c, places: places.map((p) => p.name) },
    reason(locale, code, kind) {
      const profession = (locale === 'en' && c.professionNameEn) || c.professionName;
      // Matched on the profession although the call has a discipline: no admitted specialisation was
      // known (callKeys' fallback), and the alert says so rather than pretending it was a fit.
      if (!code || !kind) return c.disciplineCode != null ? { kind: 'fallback', discipline: c.disciplineName ?? '', profession } : { kind: 'profession', profession };
      const s = specs.get(code);
      return {
        kind: kind as MatchReason['kind'],
        specialisation: s?.name ?? code,
        discipline: c.disciplineName ?? '',
        // Admitted by the call itself when the relation table has no edge (edited per call).
        source: s?.source ?? t(locale, 'alerts.reason.source_call'),
        profession,
      };
    },
  };
}
