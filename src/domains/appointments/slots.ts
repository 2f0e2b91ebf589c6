// Free slots: the weekly availability rules laid on the next days in Europe/Rome wall time (so a
// 09:00 slot stays 09:00 across a DST change), minus booked appointments and their buffers.
import { fromRomeLocal, toRomeLocal } from '../../platform/i18n/format.ts';
import type { AppointmentMode } from './tables.ts';

export interface RuleLike {
  userId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  bufferMinutes: number;
  mode: AppointmentMode;
  location: string;
  validFrom: Date | null;
  validUntil: Date | null;
  active: boolean;
}

export interface Slot {
  hostId: string;
  startsAt: Date;
  endsAt: Date;
  mode: AppointmentMode;
  location: string;
  /** "YYYY-MM-DD" in Rome, for grouping by day. */
  day: string;
}

export const BOOKING_DAYS = 30;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function slotKey(hostId: string, startsAt: Date): string {
  return `${hostId}|${startsAt.toISOString()}`;
}

export function freeSlots(rules: RuleLike[], booked: { hostId: string; startsAt: Date; endsAt: Date }[], now: Date, days = BOOKING_DAYS): Slot[] {
  const today = toRomeLocal(now).date;
  const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
  const out = new Map<string, Slot>();
  for (let i = 0; i <= days; i++) {
    const utc = new Date(Date.UTC(y, mo - 1, d + i));
    const day = utc.toISOString().slice(0, 10);
    const weekday = utc.getUTCDay() === 0 ? 7 : utc.getUTCDay();
    for (const r of rules) {
      if (!r.active || r.weekday !== weekday) continue;
      const dayStart = fromRomeLocal(day)!;
      if (r.validFrom && dayStart.getTime() + 86_400_000 <= r.validFrom.getTime()) continue;
      if (r.validUntil && dayStart > r.validUntil) continue;
      const end = minutes(r.endTime);
      for (let m = minutes(r.startTime); m + r.slotMinutes <= end; m += r.slotMinutes + r.bufferMinutes) {
        const startsAt = fromRomeLocal(day, hhmm(m));
        if (!startsAt || startsAt <= now) continue;
        if (r.validFrom && startsAt < r.validFrom) continue;
        if (r.validUntil && startsAt > r.validUntil) continue;
        const endsAt = new Date(startsAt.getTime() + r.slotMinutes * 60_000);
        const buffer = r.bufferMinutes * 60_000;
        const clash = booked.some(
          (a) => a.hostId === r.userId && startsAt.getTime() < a.endsAt.getTime() + buffer && a.startsAt.getTime() < endsAt.getTime() + buffer,
        );
        if (clash) continue;
        const key = slotKey(r.userId, startsAt);
        if (!out.has(key)) out.set(key, { hostId: r.userId, startsAt, endsAt, mode: r.mode, location: r.location, day });
      }
    }
  }
  return [...out.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.hostId.localeCompare(b.hostId));
}

/** The booking window in pages of seven days (today is day 0). */
export const BOOKING_WEEKS = Math.ceil((BOOKING_DAYS + 1) / 7);

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
const addDays = (day: string, n: number) => new Date((dayNumber(day) + n) * 86_400_000).toISOString().slice(0, 10);

export interface SlotWeek<T> {
  week: number;
  weeks: number;
  /** First and last day of the week shown, "YYYY-MM-DD" in Rome. */
  from: string;
  to: string;
  slots: T[];
}

/**
 * One week of the slots: `week` when asked (clamped), else the week holding `selected`, else the
 * first week with a free slot, so a person never lands on an empty page when later weeks have room.
 */
export function slotWeek<T extends { day: string; key: string }>(slots: T[], today: string, week?: number, selected?: string): SlotWeek<T> {
  const weekOf = (s: T) => Math.floor((dayNumber(s.day) - dayNumber(today)) / 7);
  let w = week;
  if (w === undefined || !Number.isInteger(w)) {
    const chosen = selected ? slots.find((s) => s.key === selected) : undefined;
    w = chosen ? weekOf(chosen) : slots.length ? weekOf(slots[0]!) : 0;
  }
  w = Math.min(Math.max(0, w), BOOKING_WEEKS - 1);
  return { week: w, weeks: BOOKING_WEEKS, from: addDays(today, w * 7), to: addDays(today, w * 7 + 6), slots: slots.filter((s) => weekOf(s) === w) };
}
