import type { SiteSecrets } from '../adminApi';
import { flag } from '../args';
import type { Command } from '../command';
import type { Context } from '../context';
import { CliError, EXIT } from '../errors';

const PURPOSES = {
  identity: 'identity (verifies userHash and identity JWTs)',
  webhook: 'webhook (signs webhook deliveries)',
  email: 'email (bearer token of the inbound email webhook)',
} as const;
type Purpose = keyof typeof PURPOSES;
const isPurpose = (value: string | undefined): value is Purpose => value !== undefined && value in PURPOSES;

function print(ctx: Context, secrets: SiteSecrets): void {
  for (const purpose of Object.keys(PURPOSES) as Purpose[]) {
    ctx.say(`${PURPOSES[purpose]}:`);
    for (const s of secrets[purpose] ?? [])
      ctx.say(`  ${s.secret}  ${s.expiresAt ? `(previous, accepted until ${s.expiresAt})` : '(current)'}`);
  }
}

export const secretsShow: Command = {
  name: 'secrets show',
  summary: "Show the site's identity, webhook and email secrets (admin)",
  usage: 'frontdesk secrets show',
  flags: {},
  async run(ctx) {
    const secrets = await (await ctx.api()).secrets();
    print(ctx, secrets);
    ctx.result(secrets);
    return EXIT.ok;
  },
};

export const secretsRotate: Command = {
  name: 'secrets rotate',
  summary: 'Replace the identity, webhook or email secret; the old one keeps working for the overlap',
  usage: 'frontdesk secrets rotate <identity|webhook|email> [--overlap-hours 24]',
  flags: { 'overlap-hours': 'Hours the old secret stays valid beside the new one (0 to 720, default 24)' },
  async run(ctx) {
    const purpose = ctx.args.positionals[0];
    if (!isPurpose(purpose))
      throw new CliError(
        `<purpose>: expected "identity", "webhook" or "email", found ${purpose === undefined ? 'nothing' : JSON.stringify(purpose)}`,
        EXIT.usage,
      );
    const raw = flag(ctx.args, 'overlap-hours') ?? '24';
    const hours = Number(raw);
    if (!/^\d+$/.test(raw) || hours > 720)
      throw new CliError(
        `--overlap-hours: expected a whole number from 0 to 720, found ${JSON.stringify(raw)}`,
        EXIT.usage,
      );
    const secrets = await (await ctx.api()).rotateSecret(purpose, hours);
    ctx.say(`Rotated the ${purpose} secret. The old one is accepted for ${hours} more hours.`);
    print(ctx, secrets);
    ctx.result(secrets);
    return EXIT.ok;
  },
};
