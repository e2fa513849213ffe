import { teams, updateConversation } from '../inbox';

/** The team a conversation is routed to, changeable by hand (hidden when the site has no teams). */
export function TeamPicker({ id, teamId }: { id: string; teamId: string | null | undefined }) {
  if (teams.value.length === 0) return null;
  const known = teams.value.some((t) => t.id === teamId);
  return (
    <label>
      <span class="visually-hidden">Team</span>
      <select
        aria-label="Team"
        value={teamId ?? ''}
        onChange={(e) => {
          const value = (e.currentTarget as HTMLSelectElement).value;
          void updateConversation(id, { teamId: value || null });
        }}
      >
        <option value="">No team</option>
        {teams.value.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
        {teamId && !known && <option value={teamId}>{teamId} (removed)</option>}
      </select>
    </label>
  );
}

/** The name of a team id (the id itself when the config no longer has it). */
export function teamName(teamId: string | null | undefined): string | null {
  if (!teamId) return null;
  return teams.value.find((t) => t.id === teamId)?.name ?? teamId;
}
