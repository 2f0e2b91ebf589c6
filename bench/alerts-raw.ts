// The alerts benchmark's reference sender, run as its own child process (its heap and event loop
// apart from the app under test): the subscribers' alerts rendered once with alertMail(), then
// sent on command by raw nodemailer configured like the app's bulk transport.
import { randomUUID } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { and, eq, like } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { alertMail } from '../src/domains/alerts/mails.ts';
import { loadAlertCall } from '../src/domains/alerts/alert-call.ts';
import { alertSubscribers } from '../src/domains/alerts/tables.ts';

export interface RawPrepare {
  databaseUrl: string;
  callId: string;
  /** Subscribers whose email starts with this prefix. */
  emailPrefix: string;
  smtpUrl: string;
  from: string;
  links: { baseUrl: string; secret: string };
  /** Sends in flight: enough to keep the pool's connections busy. */
  window: number;
}

export type RawCommand = { id: number; cmd: 'prepare'; arg: RawPrepare } | { id: number; cmd: 'round' } | { id: number; cmd: 'stop' };

let mails: SendMailOptions[] = [];
let opts: RawPrepare | null = null;

async function prepare(p: RawPrepare) {
  opts = p;
  const database = await openDatabase({ databaseUrl: p.databaseUrl, poolMax: 2 });
  try {
    const info = await loadAlertCall(database.db, p.callId);
    if (!info) throw new Error('bench call not found');
    const people = await database.db
      .select({ id: alertSubscribers.id, email: alertSubscribers.email, name: alertSubscribers.name, locale: alertSubscribers.locale, linkVersion: alertSubscribers.linkVersion })
      .from(alertSubscribers)
      .where(and(eq(alertSubscribers.status, 'active'), like(alertSubscribers.email, `${p.emailPrefix}%`)));
    const t0 = performance.now();
    mails = people.map((s) => {
      const deliveryId = randomUUID();
      const m = alertMail(p.links, { deliveryId, to: s, call: info.call, reason: info.reason(s.locale, null, null) });
      return { from: p.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers, messageId: `<alert-${deliveryId}@approdo>` };
    });
    const renderMs = performance.now() - t0;
    const sample = mails.slice(0, 200);
    const avgChars = sample.reduce((s, m) => s + String(m.text).length + String(m.html).length, 0) / Math.max(1, sample.length);
    return { count: mails.length, renderMs, avgChars };
  } finally {
    await database.close();
  }
}

async function round() {
  // As the app's bulk transport (src/platform/mail): pooled, 4 connections, never recycled.
  const transport = nodemailer.createTransport({ url: opts!.smtpUrl, pool: true, maxConnections: 4, maxMessages: Infinity });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < mails.length) await transport.sendMail(mails[next++]!);
  };
  await Promise.all(Array.from({ length: opts!.window }, worker));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  transport.close();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (m: RawCommand) => {
  const run = m.cmd === 'prepare' ? prepare(m.arg) : m.cmd === 'round' ? round() : Promise.resolve(null);
  run.then(
    (value) => {
      process.send!({ id: m.id, value });
      if (m.cmd === 'stop') process.exit(0);
    },
    (e: unknown) => process.send!({ id: m.id, error: String((e as Error).stack ?? e) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: process.pid });
