import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every email it receives, parsed with mailparser. */
export class Mailbox {
  readonly mails: ParsedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  /** Listen on `port` (0 picks a free one; the same port again after {@link close}). */
  async open(port = this.port): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Wait (bounded) for an email matching `test`. */
  async until(test: (mail: ParsedMail) => boolean, ms = 15_000): Promise<ParsedMail> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.mails.find(test);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no such email; received: ${JSON.stringify(this.mails.map((m) => m.subject))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A TCP port free right now on loopback. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The plain addresses of a parsed address field. */
export function addressesOf(field: ParsedMail['to'] | ParsedMail['replyTo']): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}
