// Test support for the appointments capability: the state no operation makes. Imported by tests
// only (a dependency rule forbids anything else) — not exported from index.ts.
import type { DbOrTx } from '../../db/client.ts';
import { appointments, type AppointmentMode } from './tables.ts';

/**
 * An appointment that has already started (an hour ago, say): booking takes only future slots of a
 * rule, so a talk the team must now mark done or no-show is stored as the booking would have left it.
 */
export async function storeHeldAppointment(
  db: DbOrTx,
  a: { hostId: string; startsAt: Date; endsAt: Date; mode: AppointmentMode; location: string; name: string; email: string },
) {
  const [row] = await db.insert(appointments).values(a).returning();
  return row!;
}
