#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { AgentRoleSchema, check } from '@frontdesk/protocol';
import type { Settings } from './env';
import { isApiError } from './http/errors';
import { OWNER_USAGE, siteCreate, siteInvite, siteList, withDatabase } from './ownerCli';
import { startServer } from './server';
import { createAgent } from './services/agents';
import { listSecrets } from './services/secrets';
import { SECRET_PURPOSES } from './services/sites';

const USAGE = `Usage:
  frontdesk-server start                      start the server (PORT, HOST, DATA_DIR, DATABASE_URL…, see docs/server.md)
  frontdesk-server agent create --email <e> --name <n> --password <p> [--role agent|admin] [--site <key>]
                                              an account with a password, member of that site (optional when
                                              there is one site) with the role agent or admin
  frontdesk-server site show [--json]         every site with its key and its identity and webhook secrets
${OWNER_USAGE}
  frontdesk-server help`;

/** Where the data lives, for the banner: the embedded database's folder, or the PostgreSQL server (no password). */
function whereData(settings: Settings): string {
  if (!settings.databaseUrl) return `pglite, data in ${settings.dataDir}`;
  try {
    const url = new URL(settings.databaseUrl);
    return `postgres, data in ${url.host}${url.pathname}${settings.databaseSchema ? ` schema ${settings.databaseSchema}` : ''}, uploads in ${settings.dataDir}`;
  } catch {
    return `postgres, uploads in ${settings.dataDir}`;
  }
}

async function start(): Promise<void> {
  const server = await startServer(
    {},
    {
      listening: (url) =>
        console.log(`Frontdesk server bound to ${url}: setting up (${url}/readyz answers 200 when done)`),
      // Like a crashed database connection: exit non-zero so a supervisor (systemd, Docker, Kubernetes) restarts it.
      lost: (error) => {
        console.error(`${error.message} Exiting (code 1).`);
        process.exit(1);
      },
    },
  );
  const { url, seeded } = server;
  const sites = await server.context.sites.list();
  const lines = [
    `Frontdesk server listening on ${url} (${whereData(server.context.settings)})`,
    `  health:   ${url}/healthz (alive), ${url}/readyz (ready for traffic)`,
    `  API:      ${url}/v1`,
    server.context.settings.demoDir
      ? `  demo:     ${url}/`
      : '  demo:     (no demo page found: set STATIC_DEMO_DIR)',
    server.context.settings.widgetDir
      ? `  widget:   ${url}/widget/`
      : '  widget:   (no built @frontdesk/widget found: build it or set STATIC_WIDGET_DIR)',
    server.context.settings.consoleDir
      ? `  console:  ${url}/console/`
      : '  console:  (no built @frontdesk/admin console found: build it or set STATIC_CONSOLE_DIR)',
    `  site key: ${sites.map((s) => s.key).join(', ')}`,
  ];
  if (seeded) {
    lines.push(
      `Seeded the demo site. Identity secret: ${seeded.siteSecret}  Webhook secret: ${seeded.webhookSecret}`,
      '  (show or rotate them later: frontdesk-server site show, frontdesk secrets rotate)',
      `  agent login: ${seeded.agent.email} / ${seeded.agent.password}`,
      `  admin login: ${seeded.admin.email} / ${seeded.admin.password}`,
    );
  }
  console.log(lines.join('\n'));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function agentCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', default: 'agent' },
      site: { type: 'string' },
    },
  });
  const missing = (['email', 'name', 'password'] as const).filter((k) => !values[k]);
  if (missing.length) throw new Error(`Missing ${missing.map((k) => `--${k}`).join(', ')}.\n${USAGE}`);
  const role = check(AgentRoleSchema, values.role, '--role');
  if (!role.ok) throw new Error(role.issues.map((i) => i.message).join('\n'));
  if (values.password!.length < 8) throw new Error('--password: use at least 8 characters.');
  await withDatabase(async (db) => {
    const sites = await db.query<{ id: string; key: string; name: string }>(
      'select id, key, name from sites order by created_at, id',
    );
    const site = values.site
      ? sites.find((s) => s.key === values.site)
      : sites.length === 1
        ? sites[0]
        : undefined;
    if (values.site && !site) throw new Error(`--site: no site has the key ${values.site}.`);
    if (!site && sites.length > 1)
      throw new Error('--site: name the site the account works on (several exist).');
    const agent = await db.transaction(async (tx) => {
      const created = await createAgent(tx, {
        email: values.email!,
        name: values.name!,
        password: values.password!,
        role: role.value,
      });
      if (site)
        await tx.query('insert into site_members (site_id, agent_id, roles) values ($1, $2, $3::text[])', [
          site.id,
          created.id,
          [role.value],
        ]);
      return created;
    });
    console.log(`Created ${agent.role} ${agent.email} (${agent.id})${site ? ` on ${site.name}` : ''}.`);
  });
}

/** Print every site with its key and secrets (current first, then those in their rotation overlap). */
async function siteShow(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  await withDatabase(async (db) => {
    const sites = await db.query<{ id: string; key: string; name: string }>(
      'select id, key, name from sites order by created_at, id',
    );
    const out = [];
    for (const site of sites) out.push({ ...site, secrets: await listSecrets(db, site.id) });
    if (values.json) {
      console.log(JSON.stringify(out, null, 2));
      return;
    }
    if (out.length === 0) console.log('No site yet: start the server once to seed one.');
    for (const site of out) {
      console.log(`${site.name}  key ${site.key}  (${site.id})`);
      for (const purpose of SECRET_PURPOSES)
        for (const s of site.secrets[purpose])
          console.log(
            `  ${purpose} secret: ${s.secret}${s.expiresAt ? `  (previous, accepted until ${s.expiresAt})` : ''}`,
          );
    }
  });
}

async function main(argv: string[]): Promise<void> {
  const [command = 'start', sub, ...rest] = argv;
  if (command === 'start') return start();
  if (command === 'agent' && sub === 'create') return agentCreate(rest);
  if (command === 'site' && sub === 'show') return siteShow(rest);
  if (command === 'site' && sub === 'create') return siteCreate(rest);
  if (command === 'site' && sub === 'invite') return siteInvite(rest);
  if (command === 'site' && sub === 'list') return siteList(rest);
  console.log(USAGE);
  if (command !== 'help' && command !== '--help') process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(isApiError(error) || error instanceof Error ? error.message : error);
  process.exit(1);
});
