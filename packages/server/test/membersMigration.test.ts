import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database';
import { MIGRATIONS, migrate } from '../src/db/migrations';
import { siteRolesOf } from '../src/services/access';
import type { AppContext } from '../src/services/context';
import { acceptInvite, addMember } from '../src/services/members';
import { bothEngines } from './engines';

// Upgrading an install from before site membership (#11): everyone keeps what they could do.

const engines = await bothEngines('members-migration');

describe.each(engines)('migration 8 (site members) on %s', (_engine, open) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  it('makes every existing agent a member of every existing site with its account role', async () => {
    const before =
      Math.max(...MIGRATIONS.filter((m) => m.name.startsWith('site members')).map((m) => m.version)) - 1;
    expect(await migrate(db, before)).toContain(before);
    await db.exec(`
      insert into sites (id, key, secret, name, created_at) values
        ('s1', 'k1', 'x', 'Shop', now() - interval '2 days'), ('s2', 'k2', 'y', 'Outlet', now() - interval '1 day');
      insert into agents (id, email, name, role, password_hash) values
        ('ag_admin', 'admin@old.test', 'Admin', 'admin', 'h'), ('ag_agent', 'agent@old.test', 'Agent', 'agent', 'h');
    `);
    await migrate(db);
    const rows = await db.query<{ site_id: string; agent_id: string; roles: string[] }>(
      'select site_id, agent_id, roles from site_members order by site_id, agent_id',
    );
    expect(rows).toEqual([
      { site_id: 's1', agent_id: 'ag_admin', roles: ['admin'] },
      { site_id: 's1', agent_id: 'ag_agent', roles: ['agent'] },
      { site_id: 's2', agent_id: 'ag_admin', roles: ['admin'] },
      { site_id: 's2', agent_id: 'ag_agent', roles: ['agent'] },
    ]);
    // What the routes ask: the roles on each site, through access.ts.
    const ctx = { db } as unknown as AppContext;
    const agent = { id: 'ag_agent', email: '', name: '', role: 'agent', status: 'offline' } as const;
    expect(await siteRolesOf(ctx, agent, 's2')).toEqual(['agent']);
    expect(await siteRolesOf(ctx, { ...agent, id: 'ag_admin' }, 's1')).toEqual(['admin']);
    expect(await siteRolesOf(ctx, agent, 'no-such-site')).toEqual([]);
  });

  it('refuses an expired invite code', async () => {
    const added = await addMember(db, 's1', { email: 'late@new.test', roles: ['agent'] });
    expect(added.invite).not.toBeNull();
    await db.query("update agent_invites set expires_at = now() - interval '1 minute'");
    await expect(acceptInvite(db, added.invite!.code, 'late-password')).rejects.toThrow(/expired/);
  });
});
