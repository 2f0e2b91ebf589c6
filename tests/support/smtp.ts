// A real SMTP peer for tests: receives mail on a free 127.0.0.1 port (smtp-server) and parses it
// (mailparser). Use its `url` as SMTP_URL: `testRuntime({ env: { SMTP_URL: smtp.url } })`.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  /** SMTP envelope: what the client said in MAIL FROM / RCPT TO. */
  envelope: { from: string; to: string[] };
  /** The parsed message (headers, text, html, attachments). */
  parsed: ParsedMail;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** mailparser's structured headers (some, like List-*, are parsed into objects). */
  headers: Map<string, unknown>;
  /** The unparsed value of a header (case-insensitive), unfolded; undefined when absent. */
  header(name: string): string | undefined;
  raw: string;
}

export class SmtpPeer {
  readonly messages: ReceivedMail[] = [];
  /** Recipients to refuse at RCPT TO with this reply code (4xx temporary, 5xx permanent). */
  readonly refuse = new Map<string, number>();
  private waiters = new Set<() => void>();

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  /** smtp://127.0.0.1:<port>: plain SMTP (no STARTTLS offered, no auth needed). */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<SmtpPeer> {
    let peer: SmtpPeer | undefined;
    const server = new SMTPServer({
      // Plain SMTP on loopback: nodemailer must not try to upgrade, and no account is needed.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = peer?.refuse.get(address.address.toLowerCase());
        if (!code) return callback();
        const e = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & { responseCode: number };
        e.responseCode = code;
        callback(e);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', callback);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              peer!.receive(raw.toString('utf8'), parsed, {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              });
              callback();
            },
            (e: Error) => callback(e),
          );
        });
      },
    });
    const port = await new Promise<number>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const addr = server.server.address();
        ok(typeof addr === 'object' && addr ? addr.port : 0);
      });
    });
    peer = new SmtpPeer(server, port);
    return peer;
  }

  private receive(raw: string, parsed: ParsedMail, envelope: { from: string; to: string[] }) {
    const addresses = (v: ParsedMail['to']) => (v ? (Array.isArray(v) ? v : [v]).flatMap((a) => a.value.map((x) => x.address ?? '')) : []);
    this.messages.push({
      envelope,
      parsed,
      from: parsed.from?.value[0]?.address ?? '',
      to: addresses(parsed.to),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      headers: parsed.headers,
      header: (name) => {
        const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
        return line?.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
      },
      raw,
    });
    for (const w of [...this.waiters]) w();
  }

  /** The first message (already received or arriving within timeoutMs) that matches. */
  waitFor(predicate: (m: ReceivedMail) => boolean = () => true, timeoutMs = 10_000): Promise<ReceivedMail> {
    return new Promise((ok, fail) => {
      const check = () => {
        const found = this.messages.find(predicate);
        if (!found) return false;
        cleanup();
        ok(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const got = this.messages.map((m) => `"${m.subject}" → ${m.to.join(', ')}`).join('; ') || 'none';
        fail(new Error(`no matching mail within ${timeoutMs} ms (received: ${got})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = () => void check();
      if (check()) return;
      this.waiters.add(waiter);
    });
  }

  /** Forgets the messages received so far. */
  clear(): void {
    this.messages.length = 0;
  }

  stop(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

export const startSmtp = (): Promise<SmtpPeer> => SmtpPeer.start();

/**
 * A fast SMTP sink for volume tests: counts messages per recipient and Message-ID without parsing
 * them (mailparser would cost more than the sender under test).
 */
export class CountingSink {
  total = 0;
  readonly byRecipient = new Map<string, string[]>();
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<CountingSink> {
    let sink: CountingSink | undefined;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      size: 1024 * 1024,
      onData(stream, session, callback) {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 8192) head += c.toString('latin1');
        });
        stream.on('end', () => {
          const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
          for (const r of session.envelope.rcptTo) {
            const list = sink!.byRecipient.get(r.address) ?? [];
            list.push(id);
            sink!.byRecipient.set(r.address, list);
          }
          sink!.total++;
          callback();
        });
      },
    });
    const port = await new Promise<number>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const addr = server.server.address();
        ok(typeof addr === 'object' && addr ? addr.port : 0);
      });
    });
    // A client killed mid-session resets its connection: expected here, not an error.
    server.on('error', () => undefined);
    sink = new CountingSink(server, port);
    return sink;
  }

  stop(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}
