import { AdminApi } from '../adminApi';
import { flag } from '../args';
import type { Command } from '../command';
import { readStored, removeStored, writeStored } from '../credentials';
import { CliError, EXIT } from '../errors';

export const login: Command = {
  name: 'login',
  summary: 'Sign in and store the session token (file mode 0600)',
  usage: 'frontdesk login --url <server> --email <email> [--password-stdin]',
  flags: {
    email: 'Your sign-in email (or FRONTDESK_EMAIL)',
    'password-stdin': 'Read the password from standard input (else FRONTDESK_PASSWORD, else a hidden prompt)',
  },
  async run(ctx) {
    const env = ctx.io.env;
    const url = flag(ctx.args, 'url') ?? env.FRONTDESK_URL;
    const email = flag(ctx.args, 'email') ?? env.FRONTDESK_EMAIL;
    if (!url)
      throw new CliError('--url: expected the server URL (or FRONTDESK_URL), found nothing', EXIT.usage);
    if (!email)
      throw new CliError(
        '--email: expected your sign-in email (or FRONTDESK_EMAIL), found nothing',
        EXIT.usage,
      );
    const password =
      ctx.args.flags['password-stdin'] === true
        ? (await ctx.io.readStdin()).replace(/\r?\n$/, '')
        : (env.FRONTDESK_PASSWORD ?? (await ctx.io.promptHidden(`Password for ${email}: `)));
    if (!password)
      throw new CliError('No password: pipe it with --password-stdin or set FRONTDESK_PASSWORD', EXIT.usage);
    const api = new AdminApi(url);
    const result = await api.login(email, password);
    const file = writeStored({ url, token: result.token }, env);
    ctx.say(`Signed in to ${url} as ${email}. Token stored in ${file}.`);
    ctx.result({ url, email, file });
    return EXIT.ok;
  },
};

export const logout: Command = {
  name: 'logout',
  summary: 'Sign out: revoke the session on the server and forget the stored token',
  usage: 'frontdesk logout',
  flags: {},
  async run(ctx) {
    const stored = readStored(ctx.io.env);
    // Revoke on the server first; an unreachable server still gets the local token forgotten.
    if (stored)
      await new AdminApi(stored.url, stored.token).logout().catch((error: Error) => {
        ctx.say(`Could not revoke the session on ${stored.url} (${error.message}); forgetting it here.`);
      });
    const removed = removeStored(ctx.io.env);
    ctx.say(removed ? 'Signed out.' : 'Not signed in.');
    ctx.result({ removed });
    return EXIT.ok;
  },
};
