// Outgoing mail. queueMail() records the message under its idempotency key and enqueues a job,
// inside the caller's transaction; the job sends through SMTP (SMTP_URL) or, on the embedded
// default, stores it in the local outbox readable at /admin/outbox. A key is sent at most once.
import nodemailer, { type Transporter } from 'nodemailer';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { Jobs } from '../jobs/index.ts';
import { mailMessages } from './tables.ts';

export const MAIL_JOB = 'platform.mail.send';

export interface OutgoingMail {
  /** e.g. `password-reset:<userId>:<token>`; a second queueMail with the same key does nothing. */
  key: string;
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
          .values({ idempotencyKey: mail.key, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, status: 'stored', sentAt: new Date(), messageId })
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
          .values({ idempotencyKey: mail.key, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, attachments: mail.attachments })
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
