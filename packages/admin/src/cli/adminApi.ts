import {
  type Agent,
  type Article,
  type ArticleInput,
  type Category,
  type ConfigState,
  type ConfigVersion,
  type CreateAgent,
  check,
  ErrorBodySchema,
  type Issue,
  ROUTES,
  type RouteName,
} from '@frontdesk/protocol';
import { CliError, EXIT } from './errors';

/** Answer of `POST /v1/agent/login`. */
export interface LoginResult {
  token: string;
  agent?: Agent;
}

function path(route: RouteName, params: Record<string, string> = {}): [string, string] {
  const [method, template] = ROUTES[route].split(' ') as [string, string];
  return [method, template.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))];
}

/** Unwrap `{ key: [...] }` or a bare list. */
function list<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = (body as Record<string, unknown> | null)?.[key];
  return Array.isArray(inner) ? (inner as T[]) : [];
}

/** The admin API of a Frontdesk server, as the CLI uses it. Errors become {@link CliError}s with exit codes. */
export class AdminApi {
  constructor(
    readonly url: string,
    private token?: string,
  ) {}

  private async call<T>(route: RouteName, params: Record<string, string> = {}, body?: unknown): Promise<T> {
    const [method, target] = path(route, params);
    let response: Response;
    try {
      response = await fetch(new URL(target, this.url), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliError(
        `Cannot reach ${this.url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`,
        EXIT.server,
      );
    }
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (response.ok) return data as T;
    const parsed = check(ErrorBodySchema, data);
    const message = parsed.ok ? parsed.value.error.message : `${response.status} ${response.statusText}`;
    const issues: Issue[] = parsed.ok ? (parsed.value.error.issues ?? []) : [];
    const code =
      response.status === 401 || response.status === 403
        ? EXIT.auth
        : response.status < 500
          ? EXIT.invalid
          : EXIT.server;
    throw Object.assign(new CliError(`${method} ${target}: ${message}`, code, issues), {
      status: response.status,
    });
  }

  /** Sign in with email and password; later calls use the token. */
  async login(email: string, password: string): Promise<LoginResult> {
    const result = await this.call<LoginResult>('login', {}, { email, password });
    this.token = result.token;
    return result;
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
}
