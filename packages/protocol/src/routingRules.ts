import { closest, issue } from './suggest';
import type { Issue } from './validate';

// Rules across `teams` and `routing`: team ids are unique, and every team a rule, the default or a form id names
// exists. Whether a team's emails are agents only the server knows (see the server's routing warnings).

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Push the issues of `config.teams` and `config.routing` to `out`. */
export function routingIssues(config: Record<string, unknown>, out: Issue[]): void {
  const teams = Array.isArray(config.teams) ? config.teams : [];
  const ids: string[] = [];
  teams.forEach((team, i) => {
    if (!isRecord(team) || typeof team.id !== 'string') return;
    const prior = ids.indexOf(team.id);
    if (prior >= 0)
      out.push(
        issue(
          `teams[${i}].id`,
          `a team id not used by teams[${prior}]`,
          JSON.stringify(team.id),
          'give each team its own id',
        ),
      );
    ids.push(team.id);
  });
  const routing = isRecord(config.routing) ? config.routing : {};
  const refs: Array<[string, unknown]> = [['routing.defaultTeam', routing.defaultTeam]];
  const forms = (Array.isArray(config.forms) ? config.forms : [])
    .map((f) => (isRecord(f) ? f.id : undefined))
    .filter((id): id is string => typeof id === 'string');
  const rules = Array.isArray(routing.rules) ? routing.rules : [];
  rules.forEach((rule, i) => {
    if (!isRecord(rule)) return;
    refs.push([`routing.rules[${i}].team`, rule.team]);
    if (!Array.isArray(rule.formId)) return;
    rule.formId.forEach((id, j) => {
      if (typeof id !== 'string' || forms.includes(id)) return;
      const near = closest(id, forms);
      out.push(
        issue(
          `routing.rules[${i}].formId[${j}]`,
          forms.length
            ? `the id of a form in forms (${forms.join(', ')})`
            : 'the id of a form defined in forms',
          JSON.stringify(id),
          near ? `did you mean "${near}"?` : undefined,
        ),
      );
    });
  });
  for (const [path, ref] of refs) {
    if (typeof ref !== 'string' || ids.includes(ref)) continue;
    const near = closest(ref, ids);
    out.push(
      issue(
        path,
        ids.length ? `the id of a team in teams (${ids.join(', ')})` : 'the id of a team defined in teams',
        JSON.stringify(ref),
        near ? `did you mean "${near}"?` : `add a team with id "${ref}" to teams`,
      ),
    );
  }
}
