// The SMTP peer receives and parses real SMTP traffic, and the application's mailer delivers to it through the job queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { SmtpPeer } from './smtp.ts';
import { testRuntime, type TestRuntime } from './runtime.ts';

let smtp: SmtpPeer;
beforeAll(async () => {
  smtp = await SmtpPeer.start();
});
afterAll(() => smtp.stop());

describe('SMTP peer', () => {
  it('parses a message sent over SMTP and waits for the one asked for', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    const later = smtp.waitFor((m) => m.subject === 'Secondo');
    await transport.sendMail({ from: 'a@example.it', to: 'b@example.it', subject: 'Primo', text: 'uno' });
    await transport.sendMail({ from: 'a@example.it', to: ['c@example.it', 'd@example.it'], subject: 'Secondo', text: 'Perché è così', html: '<p>due</p>' });
    transport.close();
    const second = await later;
    expect(second.to).toEqual(['c@example.it', 'd@example.it']);
    expect(second.envelope.to).toEqual(['c@example.it', 'd@example.it']);
    expect(second.text.trim()).toBe('Perché è così');
    expect(second.html).toContain('<p>due</p>');
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Primo', 'Secondo']);
    await expect(smtp.waitFor((m) => m.subject === 'Mai', 200)).rejects.toThrow(/no matching mail within 200 ms.*"Primo"/);
  });
});

describe('the application mailer over SMTP', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Approdo <noreply@approdo.test>' } });
  });
  afterAll(() => rt.close());

  it('delivers a queued mail once, with its headers', async () => {
    smtp.clear();
    expect(rt.deps.mailer.mode).toBe('smtp');
    const mail = {
      owner: 'test',
      key: 'test:smtp-peer:1',
      to: 'candidata@example.it',
      subject: 'Nuovo bando',
      text: 'Un nuovo bando è aperto.',
      headers: { 'List-Unsubscribe': '<https://example.it/u/1>' },
    };
    await rt.deps.mailer.queue(mail);
    await rt.deps.mailer.queue(mail); // same idempotency key: nothing more is sent
    const got = await smtp.waitFor((m) => m.subject === 'Nuovo bando', 20_000);
    expect(got.from).toBe('noreply@approdo.test');
    expect(got.to).toEqual(['candidata@example.it']);
    expect(got.header('List-Unsubscribe')).toBe('<https://example.it/u/1>');
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages.filter((m) => m.subject === 'Nuovo bando')).toHaveLength(1);
  });
});
