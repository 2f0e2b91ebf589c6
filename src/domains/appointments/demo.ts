// The demo's availability: the welcome team (the demo recruiter) takes talks by video on Tuesday and
// Thursday mornings, so the booking pages have free slots. Added through addRule as the team would;
// a second run finds the recruiter's rules and adds nothing.
import type { Actor } from '../../platform/authz/index.ts';
import { demoShared } from '../../platform/demo.ts';
import type { DemoContext } from '../../platform/manifest.ts';
import { addRule, listMyRules } from './rules.ts';

export async function seedAppointmentsDemo(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const actor = demoShared<Record<'recruiter', Actor>>(ctx, 'accounts.staff').recruiter;
  const mine = await listMyRules(deps.db, actor);
  if (!mine.ok) throw new Error(`demo availability: ${JSON.stringify(mine.error)}`);
  if (mine.value.length) return;
  for (const weekday of ['2', '4']) {
    const r = await addRule(deps, actor, { weekday, startTime: '09:00', endTime: '12:00', slotMinutes: '30', bufferMinutes: '10', mode: 'video', location: 'https://meet.example.org/accoglienza-demo' });
    if (!r.ok) throw new Error(`demo availability: ${JSON.stringify(r.error)}`);
  }
}
