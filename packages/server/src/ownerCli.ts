import { parseArgs } from 'node:util';
import { AddMemberSchema, check } from '@frontdesk/protocol';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrations';
import { readSettings, type Settings } from './env';
import { addMember, listMembers } from './services/members';
import { Sites } from './services/sites';

/**
 * The platform owner's commands (`frontdesk-server site …`). The owner is whoever runs the server: these open
 * the database directly, so they need no account — with the embedded database, stop the server first.
 */
export const OWNER_USAGE = `  frontdesk-server site create --name <name> [--key <key>] [--json]
                                              create a site; prints its key and its identity and webhook secrets
  frontdesk-server site invite --site <key> --email <e> [--name <n>] [--roles admin,agent,…] [--json]
                                              make an account a member of a site (default role admin); a new
                                              account gets a one-time code and link to set its password (7 days)
  frontdesk-server site list [--json]         every site with its members and their roles`;

/** Open the configured database, migrated, for one CLI command; closed afterwards whatever happens. */
export async function withDatabase<T>(fn: (db: Database, settings: Settings) => Promise<T>): Promise<T> {
  const settings = readSettings();
  const db = await openDatabase({
    databaseUrl: settings.databaseUrl ?? undefined,
    dataDir: settings.dataDir,
    schema: settings.databaseSchema ?? undefined,
  });
  try {
    await migrate(db);
    return await fn(db, settings);
  } finally {
    await db.close();
  }
}

/** `site create`: a new site with its own keys and no members yet (invite its first admin next). */
export async function siteCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const name = values.name?.trim();
  if (!name) throw new Error(`Missing --name.\n${OWNER_USAGE}`);
  if (values.key !== undefined && !/^[A-Za-z0-9_-]{3,64}$/.test(values.key))
    throw new Error('--key: expected 3–64 letters, digits, "_" or "-".');
  await withDatabase(async (db) => {
    if (values.key && (await db.query('select 1 from sites where key = $1', [values.key])).length > 0)
      throw new Error(`--key: a site with the key ${values.key} already exists.`);
    const site = await db.transaction((tx) =>
      new Sites(db).create(tx, { name, ...(values.key ? { key: values.key } : {}), config: { name } }),
    );
    if (values.json) {
      console.log(JSON.stringify({ name, ...site }, null, 2));
      return;
    }
    console.log(
      [
        `Created site ${name}  key ${site.key}  (${site.id})`,
        `  identity secret: ${site.secret}`,
        `  webhook secret:  ${site.webhookSecret}`,
        `Next: frontdesk-server site invite --site ${site.key} --email <first admin>`,
      ].join('\n'),
    );
  });
}

/** `site invite`: add an account to a site (created with an invite code when new). */
export async function siteInvite(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      site: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string', default: 'admin' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.site || !values.email) throw new Error(`Missing --site or --email.\n${OWNER_USAGE}`);
  const input = check(AddMemberSchema, {
    email: values.email,
    ...(values.name ? { name: values.name } : {}),
    roles: values.roles.split(',').map((r) => r.trim()),
  });
  if (!input.ok) throw new Error(input.issues.map((i) => `--${i.message}`).join('\n'));
  await withDatabase(async (db, settings) => {
    const site = (
      await db.query<{ id: string; name: string }>('select id, name from sites where key = $1', [values.site])
    )[0];
    if (!site)
      throw new Error(`--site: no site has the key ${values.site} (see frontdesk-server site list).`);
    const added = await addMember(db, site.id, input.value);
    const origin = settings.publicUrl ?? `http://${settings.host}:${settings.port}`;
    const link = added.invite ? `${origin}/console/#/invite/${added.invite.code}` : null;
    if (values.json) {
      console.log(JSON.stringify({ ...added, link }, null, 2));
      return;
    }
    const who = `${added.member.email} (${added.member.roles.join(', ')})`;
    console.log(`${added.created ? 'Created and added' : 'Added'} ${who} to ${site.name}.`);
    if (added.invite)
      console.log(
        [
          `  invite code: ${added.invite.code}  (one use, expires ${added.invite.expiresAt})`,
          `  set-password link: ${link}`,
        ].join('\n'),
      );
  });
}

/** `site list`: every site and its members. */
export async function siteList(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  await withDatabase(async (db) => {
    const sites = await db.query<{ id: string; key: string; name: string }>(
      'select id, key, name from sites order by created_at, id',
    );
    const out = [];
    for (const site of sites) out.push({ ...site, members: await listMembers(db, site.id) });
    if (values.json) {
      console.log(JSON.stringify(out, null, 2));
      return;
    }
    if (out.length === 0) console.log('No site yet: frontdesk-server site create --name <name>.');
    for (const site of out) {
      console.log(`${site.name}  key ${site.key}  (${site.id})`);
      if (site.members.length === 0) console.log('  no members: frontdesk-server site invite …');
      for (const m of site.members)
        console.log(`  ${m.email}  ${m.roles.join(', ')}${m.invited ? '  (invited, no password yet)' : ''}`);
    }
  });
}
