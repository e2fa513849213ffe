// A local mail catcher for `pnpm start`: a real SMTP server (smtp-server) on 127.0.0.1 that prints every email it
// receives (parsed with mailparser) and keeps nothing. Usage (see docs/email.md):
//   node scripts/mailcatcher.mjs [port]          # default 1025
//   SMTP_URL=smtp://127.0.0.1:1025 SMTP_FROM=support@localhost INBOUND_SMTP_PORT=2525 pnpm start
import { createRequire } from 'node:module';

// The libraries are the server package's dependencies.
const require = createRequire(new URL('../packages/server/package.json', import.meta.url));
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const port = Number(process.argv[2] ?? process.env.MAILCATCHER_PORT ?? 1025);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const rule = '─'.repeat(72);
        console.log(rule);
        console.log(`From:     ${mail.from?.text ?? ''}`);
        console.log(`To:       ${session.envelope.rcptTo.map((r) => r.address).join(', ')}`);
        if (mail.replyTo) console.log(`Reply-To: ${mail.replyTo.text}`);
        console.log(`Subject:  ${mail.subject ?? ''}`);
        console.log('');
        console.log((mail.text ?? '').trim());
        console.log(rule);
        callback();
      })
      .catch(callback);
  },
});
server.on('error', (error) => console.error(`mailcatcher: ${error.message}`));
server.listen(port, '127.0.0.1', () =>
  console.log(`mailcatcher: SMTP on 127.0.0.1:${port}, printing every email`),
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
