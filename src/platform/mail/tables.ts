// Every mail the product sends, keyed by an idempotency key: the outbox on the embedded default,
// and the record that prevents a second send after a retry or a crash.
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from '../../db/columns.ts';

export const MAIL_STATUSES = ['pending', 'sent', 'stored', 'failed'] as const;

export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** The capability that sent it (mailKeys' owner): each erases only its own mail. */
    owner: text('owner').notNull().default('platform'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** Small text attachments (calendar invitations). */
    attachments: jsonb('attachments').$type<{ filename: string; contentType: string; content: string }[]>(),
    status: text('status').$type<(typeof MAIL_STATUSES)[number]>().notNull().default('pending'),
    attempts: text('attempts'),
    error: text('error'),
    messageId: text('message_id'),
    createdAt: createdAt(),
    sentAt: tstz('sent_at'),
  },
  (t) => [index('mail_messages_created_idx').on(t.createdAt), index('mail_messages_owner_to_idx').on(t.owner, sql`lower(${t.to})`)],
);
