import {
  type AddMember,
  AddMemberSchema,
  check,
  type Invite,
  type Member,
  type SiteRole,
} from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { agent, api, sites } from '../session';

const ROLES: ReadonlyArray<[SiteRole, string]> = [
  ['admin', 'Admin'],
  ['manager', 'Manager'],
  ['reviewer', 'Reviewer'],
  ['agent', 'Agent'],
];

/** The site's members and their roles: add by email (new accounts get an invite code), change roles, remove. */
export function Members() {
  const members = useSignal<Member[]>([]);
  const status = useSignal('');
  const error = useSignal('');
  const invite = useSignal<(Invite & { email: string }) | null>(null);
  const email = useSignal('');
  const name = useSignal('');
  const roles = useSignal<SiteRole[]>(['agent']);
  const site = sites.value.find((s) => s.key === api.siteKey)?.name ?? 'this site';

  const load = () =>
    api.call<Member[]>('members').then(
      (list) => (members.value = list),
      (e: Error) => (error.value = `Could not load the members: ${e.message}`),
    );
  useEffect(() => void load(), []);

  const act = async (what: () => Promise<unknown>, done: string) => {
    error.value = status.value = '';
    try {
      await what();
      status.value = done;
    } catch (e) {
      error.value = (e as Error).message;
    }
    await load();
  };

  const toggle = (member: Member, role: SiteRole, on: boolean) => {
    const next = on ? [...member.roles, role] : member.roles.filter((r) => r !== role);
    // Shown at once; a refusal (the last admin, no role left) reloads what the server holds.
    members.value = members.value.map((m) => (m.id === member.id ? { ...m, roles: next } : m));
    void act(
      () => api.call('updateMember', { id: member.id }, { roles: next }),
      `${member.name} is now ${next.join(', ') || 'without roles'}.`,
    );
  };

  const add = async (event: Event) => {
    event.preventDefault();
    invite.value = null;
    const input = {
      email: email.value.trim(),
      roles: roles.value,
      ...(name.value.trim() ? { name: name.value.trim() } : {}),
    };
    const result = check(AddMemberSchema, input);
    if (!result.ok) {
      error.value = result.issues.map((i) => i.message).join('; ');
      return;
    }
    await act(async () => {
      const added = await api.call<{ member: Member; invite: Invite | null }>(
        'addMember',
        {},
        result.value as AddMember,
      );
      if (added.invite) invite.value = { ...added.invite, email: added.member.email };
      email.value = name.value = '';
    }, `Added ${input.email}.`);
  };

  return (
    <main class="page members">
      <h1>Members of {site}</h1>
      <p class="muted">
        Admins manage everything here; managers read analytics and handle reviews; reviewers score
        conversations; agents answer. A site always keeps at least one admin.
      </p>
      <table class="tickets">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            {ROLES.map(([, label]) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.value.map((m) => (
            <tr key={m.id}>
              <td>
                {m.name}
                {m.id === agent.value?.id && <span class="muted"> (you)</span>}
                {m.invited && <span class="badge">invited</span>}
              </td>
              <td>{m.email}</td>
              {ROLES.map(([role, label]) => (
                <td key={role}>
                  <input
                    type="checkbox"
                    aria-label={`${label} role for ${m.name}`}
                    checked={m.roles.includes(role)}
                    onChange={(e) => toggle(m, role, e.currentTarget.checked)}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  aria-label={`Remove ${m.name} from ${site}`}
                  onClick={() => void act(() => api.call('removeMember', { id: m.id }), `Removed ${m.name}.`)}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <p role="status" class="muted">
        {status.value}
      </p>
      {invite.value && (
        <div class="card invite-code">
          <p>
            Send this one-time link to {invite.value.email}; it sets their password and works until{' '}
            {new Date(invite.value.expiresAt).toLocaleString()}:
          </p>
          <code>{`${location.origin}/console/#/invite/${invite.value.code}`}</code>
        </div>
      )}
      <form class="card canned-form" onSubmit={add} aria-label="Add a member">
        <h2>Add a member</h2>
        <label>
          Email
          <input
            type="email"
            value={email.value}
            onInput={(e) => (email.value = e.currentTarget.value)}
            required
          />
        </label>
        <label>
          Name (for a new account)
          <input value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
        </label>
        <fieldset class="role-choice">
          <legend>Roles</legend>
          {ROLES.map(([role, label]) => (
            <label key={role}>
              <input
                type="checkbox"
                checked={roles.value.includes(role)}
                onChange={(e) =>
                  (roles.value = e.currentTarget.checked
                    ? [...roles.value, role]
                    : roles.value.filter((r) => r !== role))
                }
              />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary">
          Add
        </button>
      </form>
    </main>
  );
}
