// Outgoing mail. queueMail() records the message under its idempotency key and enqueues a job,
// inside the caller's transaction; the job sends through SMTP (SMTP_URL) or, on the embedded
// default, stores it in the local outbox readable at /admin/outbox. A key is sent at most once.
import nodemailer, { type Transporter } from 'nodemailer';
import { and, eq, inArray, like, not, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { Jobs } from '../jobs/index.ts';
import { MAIL_STATUSES, mailMessages } from './tables.ts';
import { prefixPattern } from '../query.ts';

export const MAIL_JOB = 'platform.mail.send';

/** Who sent a mail and its idempotency key, as mailKeys() builds them. */
export interface MailKey {
  owner: string;
  /** e.g. `password-reset:<userId>:<token>`; a second queue() with the same key does nothing. */
  key: string;
}

/**
 * The one way to key a mail: `const key = mailKeys('leads', ['lead-ack', 'lead-team'])`, then
 * `key('lead-ack', lead.id)` → { owner: 'leads', key: 'lead-ack:<id>' }. The owner is stored with
 * the mail, so a capability erases only its own (forgetMail).
 */
export function mailKeys<const K extends string>(owner: string, kinds: readonly K[]): (kind: K, ...parts: (string | number)[]) => MailKey {
  return (kind, ...parts) => {
    if (!kinds.includes(kind)) throw new Error(`${owner}: unknown mail kind ${kind}`);
    return { owner, key: [kind, ...parts.map(String)].join(':') };
  };
}

export interface OutgoingMail extends MailKey {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Small text attachments, e.g. an ICS invitation (contentType "text/calendar; method=REQUEST"). */
  attachments?: { filename: string; contentType: string; content: string }[];
}

export interface Mailer {
  queue(mail: OutgoingMail, tx?: DbOrTx): Promise<void>;
  /** The job body: send one stored message unless it already went out. */
  deliver(messageId: string): Promise<void>;
  /**
   * Bulk sending for callers that keep their own idempotency record (alert fan-outs): sends now
   * over a pooled SMTP connection, or stores the message in the outbox on the embedded default.
   * Throws on failure with nodemailer's `responseCode` when the server answered.
   */
  sendNow(mail: OutgoingMail, messageId: string): Promise<void>;
  /** Parallel SMTP connections of sendNow. */
  bulkConnections: number;
  mode: 'smtp' | 'outbox';
  close(): void;
}

export function createMailer(opts: { db: Db; jobs: Jobs; smtpUrl?: string; from: string }): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl, { from: opts.from }) : null;
  const bulkConnections = 4;
  let bulk: Transporter | null = null;
  const mailer: Mailer = {
    bulkConnections,
    async sendNow(mail, messageId) {
      if (!opts.smtpUrl) {
        await opts.db
          .insert(mailMessages)
          .values({ idempotencyKey: mail.key, owner: mail.owner, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, status: 'stored', sentAt: new Date(), messageId })
          .onConflictDoNothing({ target: mailMessages.idempotencyKey });
        return;
      }
      bulk ??= nodemailer.createTransport({ url: opts.smtpUrl, pool: true, maxConnections: bulkConnections, maxMessages: Infinity });
      await bulk.sendMail({ from: opts.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, messageId });
    },
    mode: transport ? 'smtp' : 'outbox',
    async queue(mail, tx) {
      const run = async (q: DbOrTx) => {
        const [row] = await q
          .insert(mailMessages)
          .values({ idempotencyKey: mail.key, owner: mail.owner, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, attachments: mail.attachments })
          .onConflictDoNothing({ target: mailMessages.idempotencyKey })
          .returning({ id: mailMessages.id });
        if (row) await opts.jobs.send(MAIL_JOB, { messageId: row.id }, { tx: q, singletonKey: row.id });
      };
      if (tx) await run(tx);
      else await opts.db.transaction(run);
    },
    async deliver(messageId) {
      const [msg] = await opts.db.select().from(mailMessages).where(eq(mailMessages.id, messageId));
      if (!msg || msg.status === 'sent' || msg.status === 'stored') return;
      if (!transport) {
        await opts.db.update(mailMessages).set({ status: 'stored', sentAt: new Date() }).where(eq(mailMessages.id, messageId));
        return;
      }
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html ?? undefined,
          headers: msg.headers ?? undefined,
          attachments: msg.attachments ?? undefined,
          messageId: `<${msg.id}@approdo>`,
        });
        await opts.db
          .update(mailMessages)
          .set({ status: 'sent', sentAt: new Date(), messageId: info.messageId, error: null })
          .where(and(eq(mailMessages.id, messageId), inArray(mailMessages.status, ['pending', 'failed'])));
      } catch (e) {
        await opts.db
          .update(mailMessages)
          .set({ status: 'failed', error: (e as Error).message.slice(0, 500) })
          .where(eq(mailMessages.id, messageId));
        throw e;
      }
    },
    close() {
      transport?.close();
      bulk?.close();
    },
  };
  opts.jobs.register<{ messageId: string }>({
    name: MAIL_JOB,
    retryLimit: 8,
    retryDelay: 30,
    concurrency: 4,
    handler: ({ messageId }) => mailer.deliver(messageId),
  });
  return mailer;
}

export interface ForgetMail {
  /** Mails to these addresses (lower case). */
  to?: string[];
  /** Mails with these keys. */
  keys?: string[];
  /** …except these keys (mails still to be sent that belong to what is kept). */
  except?: string[];
  /** Only mails whose key starts with this (e.g. `appointment-cancel:`). */
  keyPrefix?: string;
  statuses?: (typeof MAIL_STATUSES)[number][];
  /** A further condition on mail_messages (the owner's own correlation). */
  where?: SQL;
}

/** Deletes stored mail of one owner (erasure, retention); returns how many went. */
export async function forgetMail(q: DbOrTx, owner: string, f: ForgetMail): Promise<number> {
  if ((f.to && !f.to.length) || (f.keys && !f.keys.length)) return 0;
  const rows = await q
    .delete(mailMessages)
    .where(
      and(
        eq(mailMessages.owner, owner),
        f.to ? inArray(sql`lower(${mailMessages.to})`, f.to) : undefined,
        f.keys ? inArray(mailMessages.idempotencyKey, f.keys) : undefined,
        f.except?.length ? not(inArray(mailMessages.idempotencyKey, f.except)) : undefined,
        f.keyPrefix ? like(mailMessages.idempotencyKey, prefixPattern(f.keyPrefix)) : undefined,
        f.statuses ? inArray(mailMessages.status, f.statuses) : undefined,
        f.where,
      ),
    )
    .returning({ id: mailMessages.id });
  return rows.length;
}

/** How many stored mails of one owner went to these addresses. */
export async function countMail(q: DbOrTx, owner: string, to: string[]): Promise<number> {
  if (!to.length) return 0;
  const [r] = await q.select({ n: sql<number>`count(*)::int` }).from(mailMessages).where(and(eq(mailMessages.owner, owner), inArray(sql`lower(${mailMessages.to})`, to)));
  return Number(r?.n ?? 0);
}

/** The stored mails of one owner to these addresses, for a person's data export (no bodies kept back). */
export async function mailsTo(q: DbOrTx, owner: string, to: string[]) {
  if (!to.length) return [];
  return q
    .select({ key: mailMessages.idempotencyKey, to: mailMessages.to, subject: mailMessages.subject, text: mailMessages.text, status: mailMessages.status, createdAt: mailMessages.createdAt, sentAt: mailMessages.sentAt })
    .from(mailMessages)
    .where(and(eq(mailMessages.owner, owner), inArray(sql`lower(${mailMessages.to})`, to)))
    .orderBy(mailMessages.createdAt);
}

/**
 * The stored mails a filter selects (the filter of forgetMail; every owner unless `owner` is given),
 * oldest first, whole rows: what support pages and tests read the outbox with.
 */
export async function storedMail(q: DbOrTx, f: ForgetMail & { owner?: string } = {}) {
  if ((f.to && !f.to.length) || (f.keys && !f.keys.length)) return [];
  return q
    .select()
    .from(mailMessages)
    .where(
      and(
        f.owner ? eq(mailMessages.owner, f.owner) : undefined,
        f.to ? inArray(sql`lower(${mailMessages.to})`, f.to.map((t) => t.toLowerCase())) : undefined,
        f.keys ? inArray(mailMessages.idempotencyKey, f.keys) : undefined,
        f.except?.length ? not(inArray(mailMessages.idempotencyKey, f.except)) : undefined,
        f.keyPrefix ? like(mailMessages.idempotencyKey, prefixPattern(f.keyPrefix)) : undefined,
        f.statuses ? inArray(mailMessages.status, f.statuses) : undefined,
        f.where,
      ),
    )
    .orderBy(mailMessages.createdAt, mailMessages.id);
}
