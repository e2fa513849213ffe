import type {
  AddMember,
  Agent,
  Article,
  ArticleInput,
  Category,
  ConfigState,
  ConfigVersion,
  CreateAgent,
  Invite,
  Member,
  RouteName,
  SiteRole,
  VisitorMatch,
} from '@frontdesk/protocol';
import { failureOf, jsonRequest, parseBody, routeTarget } from '../apiRequest';
import { CliError, EXIT } from './errors';

/** One site secret as admins see it. */
export interface SiteSecret {
  secret: string;
  createdAt: string;
  /** When it stops being accepted; null for the current one. */
  expiresAt: string | null;
}

/** Answer of `GET /v1/admin/secrets`: per purpose, the current secret first. */
export interface SiteSecrets {
  identity: SiteSecret[];
  webhook: SiteSecret[];
  email: SiteSecret[];
}

/** Answer of `POST /v1/agent/login`. */
export interface LoginResult {
  token: string;
  agent?: Agent;
}

/** Unwrap `{ key: [...] }` or a bare list. */
function list<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = (body as Record<string, unknown> | null)?.[key];
  return Array.isArray(inner) ? (inner as T[]) : [];
}

/** The admin API of a Frontdesk server, as the CLI uses it. Errors become {@link CliError}s with exit codes. */
export class AdminApi {
  /** The site the calls are about (`X-Frontdesk-Site`, from `FRONTDESK_SITE`); unset: the agent's first site. */
  siteKey: string | undefined;

  constructor(
    readonly url: string,
    private token?: string,
  ) {}

  private async call<T>(
    route: RouteName,
    params: Record<string, string> = {},
    body?: unknown,
    query: Record<string, string | undefined> = {},
  ): Promise<T> {
    const { method, path } = routeTarget(route, params);
    const url = new URL(path, this.url);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    let response: Response;
    try {
      const init = jsonRequest(method, this.token, body);
      if (this.siteKey) init.headers['x-frontdesk-site'] = this.siteKey;
      response = await fetch(url, init);
    } catch (error) {
      const cause = (error as Error).cause;
      throw new CliError(
        `Cannot reach ${this.url}: ${cause instanceof Error ? cause.message : (error as Error).message}`,
        EXIT.server,
      );
    }
    const data = parseBody(await response.text());
    if (response.ok) return data as T;
    const { status, message, issues } = failureOf(response.status, response.statusText, data);
    const code = status === 401 || status === 403 ? EXIT.auth : status < 500 ? EXIT.invalid : EXIT.server;
    throw Object.assign(new CliError(`${method} ${path}: ${message}`, code, issues), { status });
  }

  /** Sign in with email and password; later calls use the token. */
  async login(email: string, password: string): Promise<LoginResult> {
    const result = await this.call<LoginResult>('login', {}, { email, password });
    this.token = result.token;
    return result;
  }
  /** The site's members with their roles. */
  members(): Promise<Member[]> {
    return this.call<Member[]>('members');
  }
  /** Add an account to the site; a new email gets an invite code. */
  addMember(input: AddMember): Promise<{ member: Member; invite: Invite | null; created: boolean }> {
    return this.call('addMember', {}, input);
  }
  /** Replace a member's roles on the site. */
  updateMember(id: string, roles: SiteRole[]): Promise<Member> {
    return this.call<Member>('updateMember', { id }, { roles });
  }
  /** Remove a member from the site (the account stays). */
  async removeMember(id: string): Promise<void> {
    await this.call('removeMember', { id });
  }
  /** Revoke every token of the signed-in agent (sign-out on the server). */
  async logout(): Promise<void> {
    await this.call('logout');
  }
  /** The site's identity and webhook secrets, current first. */
  secrets(): Promise<SiteSecrets> {
    return this.call<SiteSecrets>('secrets');
  }
  /** Replace a secret; the old one stays valid for `overlapHours`. */
  rotateSecret(purpose: 'identity' | 'webhook' | 'email', overlapHours: number): Promise<SiteSecrets> {
    return this.call<SiteSecrets>('rotateSecret', {}, { purpose, overlapHours });
  }
  me(): Promise<Agent> {
    return this.call<{ agent?: Agent } & Agent>('me').then((r) => r.agent ?? r);
  }
  currentConfig(): Promise<ConfigState> {
    return this.call<ConfigState>('currentConfig');
  }
  /** The current config, or undefined when none was published yet. */
  async currentConfigOrNone(): Promise<ConfigState | undefined> {
    try {
      return await this.currentConfig();
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }
  pushConfig(config: unknown, note?: string): Promise<ConfigState> {
    return this.call<ConfigState>('pushConfig', {}, note ? { config, note } : { config });
  }
  async versions(): Promise<ConfigVersion[]> {
    return list<ConfigVersion>(await this.call('configVersions'), 'versions');
  }
  rollback(version: number): Promise<ConfigState> {
    return this.call<ConfigState>('rollbackConfig', {}, { version });
  }
  async articles(): Promise<Article[]> {
    return list<Article>(await this.call('adminArticles'), 'articles');
  }
  upsertArticle(id: string, input: ArticleInput): Promise<Article> {
    return this.call<{ article?: Article } & Article>('upsertArticle', { id }, input).then(
      (r) => r.article ?? r,
    );
  }
  async categories(): Promise<Category[]> {
    return list<Category>(await this.call('adminCategories'), 'categories');
  }
  upsertCategory(category: Category): Promise<unknown> {
    const { id, ...input } = category;
    return this.call('upsertCategory', { id }, input);
  }
  async agents(): Promise<Agent[]> {
    return list<Agent>(await this.call('agents'), 'agents');
  }
  createAgent(input: CreateAgent): Promise<Agent> {
    return this.call<{ agent?: Agent } & Agent>('createAgent', {}, input).then((r) => r.agent ?? r);
  }
  deleteAgent(id: string): Promise<unknown> {
    return this.call('deleteAgent', { id });
  }
  visitorExport(id: string): Promise<unknown> {
    return this.call('visitorExport', { id });
  }
  visitorDelete(id: string): Promise<unknown> {
    return this.call('visitorDelete', { id });
  }
  /** Everything stored about one person, by visitor id, email or user id. */
  personExport(match: VisitorMatch): Promise<unknown> {
    return this.call('exportPerson', {}, undefined, { ...match });
  }
  /** Delete every visitor record of one person; answers the ids deleted. */
  async personDelete(match: VisitorMatch): Promise<string[]> {
    return (await this.call<{ deleted: string[] }>('deletePerson', {}, undefined, { ...match })).deleted;
  }
}
