import type {
  Agent,
  Article,
  ArticleInput,
  Attachment,
  CannedResponse,
  Category,
  ConfigState,
  ConfigVersion,
  Conversation,
  ConversationStatus,
  EventPage,
  Issue,
  Message,
  RouteName,
  TeamSummary,
  Ticket,
  Visitor,
  VisitorMatch,
} from '@frontdesk/protocol';
import { type ApiFailure, failureOf, jsonRequest, parseBody, routeTarget } from '../apiRequest';

/** An error answer of the API, with its protocol code and validation issues. */
export class ApiError extends Error {
  override readonly name = 'ApiError' as const;
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
  static from({ message, status, code, issues }: ApiFailure): ApiError {
    return new ApiError(message, status, code, issues);
  }
}

/** A conversation row as the inbox lists it; the server may add the visitor and a preview. */
export type InboxConversation = Conversation & {
  visitor?: Partial<Visitor> | null;
  lastMessage?: Partial<Message> | null;
  /** Text of the last visible message. */
  preview?: string | null;
  /** Messages after the agents' read mark. */
  unread?: number;
  /** The visitor's rating, when they gave one. */
  rating?: { csat: number | null; nps: number | null; comment: string | null; solved: boolean | null } | null;
};

/** What the conversation view shows about the visitor. */
/** A visitor's question proposed as an alternative question of an article (`GET /v1/admin/question-proposals`). */
export interface QuestionProposal {
  id: string;
  articleId: string;
  locale: string;
  question: string;
  createdAt: string;
}

export interface VisitorContext {
  visitor: Visitor | null;
  conversations: Conversation[];
  page?: { url: string; title?: string } | null;
}

function unwrap<T>(body: unknown, key: string): T {
  if (body && typeof body === 'object' && !Array.isArray(body) && key in body)
    return (body as Record<string, unknown>)[key] as T;
  return body as T;
}

/** The agent and admin API of a Frontdesk server, for the console (same origin by default). */
export class ConsoleApi {
  /** Called when a signed-in request is refused with 401 (the session expired or was revoked). */
  onUnauthorized: (() => void) | null = null;

  /** The site requests are about (`X-Frontdesk-Site`); null: the agent's first site. */
  siteKey: string | null = null;

  constructor(
    public token: string | null,
    readonly base = location.origin,
  ) {}

  /** The request init for `method`, with the token and the chosen site. */
  private init(method: string, body?: unknown, token = this.token) {
    const init = jsonRequest(method, token, body);
    if (this.siteKey) init.headers['x-frontdesk-site'] = this.siteKey;
    return init;
  }

  async call<T>(
    route: RouteName,
    params: Record<string, string> = {},
    body?: unknown,
    query?: Record<string, string | undefined>,
  ): Promise<T> {
    const { method, path } = routeTarget(route, params);
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const response = await fetch(url, this.init(method, body));
    const data = parseBody(await response.text());
    if (!response.ok) {
      if (response.status === 401 && route !== 'login' && this.token) this.onUnauthorized?.();
      throw ApiError.from(failureOf(response.status, response.statusText, data));
    }
    return data as T;
  }

  login(email: string, password: string): Promise<{ token: string; agent: Agent }> {
    return this.call('login', {}, { email, password });
  }
  /** Revoke `token` on the server (sign-out ends every session of the agent); errors are ignored. */
  async logout(token: string): Promise<void> {
    const { method, path } = routeTarget('logout');
    await fetch(new URL(path, this.base), { ...this.init(method, undefined, token), keepalive: true }).catch(
      () => undefined,
    );
  }
  presence(status: Agent['status'], keepalive = false): Promise<unknown> {
    if (!keepalive) return this.call('presence', {}, { status });
    // While the page unloads: a request that outlives it.
    const { method, path } = routeTarget('presence');
    return fetch(new URL(path, this.base), {
      ...this.init(method, { status }),
      keepalive: true,
    });
  }
  async me(): Promise<Agent> {
    return unwrap<Agent>(await this.call('me'), 'agent');
  }
  async inbox(
    query: { status?: ConversationStatus; assignee?: string; team?: string } = {},
  ): Promise<InboxConversation[]> {
    return unwrap<InboxConversation[]>(
      await this.call('inbox', {}, undefined, { ...query, limit: '200' }),
      'conversations',
    );
  }
  async conversation(id: string): Promise<InboxConversation> {
    const body = await this.call<Record<string, unknown>>('agentConversation', { id });
    const conversation = unwrap<InboxConversation>(body, 'conversation');
    return {
      ...conversation,
      ...('visitor' in body && !('visitor' in conversation) ? { visitor: body.visitor as Visitor } : {}),
      ...('rating' in body ? { rating: body.rating as InboxConversation['rating'] } : {}),
    };
  }
  async messages(id: string): Promise<Message[]> {
    return unwrap<Message[]>(await this.call('agentMessages', { id }), 'messages');
  }
  /** Upload a file to attach to a reply in conversation `conversationId`. */
  async upload(conversationId: string, file: File): Promise<Attachment> {
    const body = new FormData();
    body.set('file', file);
    body.set('conversationId', conversationId);
    const { method, path } = routeTarget('agentUpload');
    const { headers } = this.init(method);
    const response = await fetch(new URL(path, this.base), { method, headers, body });
    const data = parseBody(await response.text());
    if (!response.ok) {
      throw ApiError.from(failureOf(response.status, response.statusText, data));
    }
    return data as Attachment;
  }
  /**
   * The bytes of an upload (`url` as attachments carry it), fetched with the agent token in the `Authorization`
   * header: the server refuses an agent token in a URL, so the console shows files through `blob:` URLs.
   */
  async file(url: string): Promise<Blob> {
    const response = await fetch(new URL(url, this.base), {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
    if (!response.ok) {
      const data = parseBody(await response.text());
      if (response.status === 401 && this.token) this.onUnauthorized?.();
      throw ApiError.from(failureOf(response.status, response.statusText, data));
    }
    return response.blob();
  }
  async reply(
    id: string,
    input: { clientId: string; text: string; internal: boolean; attachmentIds?: string[] },
  ): Promise<Message> {
    return unwrap<Message>(await this.call('agentReply', { id }, input), 'message');
  }
  assign(id: string, assigneeId: string | null): Promise<unknown> {
    return this.call('assign', { id }, { assigneeId });
  }
  /** Add and/or remove tags of a conversation; answers the conversation. */
  setTags(id: string, change: { add?: string[]; remove?: string[] }): Promise<InboxConversation> {
    return this.call('conversationTags', { id }, change);
  }
  setTeam(id: string, teamId: string | null): Promise<unknown> {
    return this.call('setTeam', { id }, { teamId });
  }
  async teams(): Promise<TeamSummary[]> {
    return unwrap<TeamSummary[]>(await this.call('teams'), 'teams');
  }
  setStatus(id: string, status: ConversationStatus): Promise<unknown> {
    return this.call('setStatus', { id }, { status });
  }
  markRead(id: string, readSeq: number): Promise<unknown> {
    return this.call('agentRead', { id }, { readSeq });
  }
  typing(id: string, typing: boolean): Promise<unknown> {
    return this.call('agentTyping', { id }, { typing });
  }
  events(after: number): Promise<EventPage> {
    return this.call('agentEvents', {}, undefined, { after: String(after) });
  }
  async canned(): Promise<CannedResponse[]> {
    return unwrap<CannedResponse[]>(await this.call('canned'), 'canned');
  }
  async tickets(): Promise<Ticket[]> {
    return unwrap<Ticket[]>(await this.call('tickets'), 'tickets');
  }
  updateTicket(
    id: string,
    patch: { status?: ConversationStatus; outcome?: string | null },
  ): Promise<unknown> {
    return this.call('updateTicket', { id }, patch);
  }
  async visitorContext(id: string): Promise<VisitorContext> {
    const body = await this.call<Record<string, unknown>>('visitorContext', { id });
    return {
      visitor: (body.visitor ?? (body.id ? body : null)) as Visitor | null,
      conversations: (body.conversations ?? []) as Conversation[],
      page: (body.page ??
        (body.visitor as { page?: unknown } | undefined)?.page ??
        null) as VisitorContext['page'],
    };
  }
  /** The visitor records of one person (data requests go by email or user id, as the person names themselves). */
  async findVisitors(match: VisitorMatch): Promise<Visitor[]> {
    return unwrap<Visitor[]>(await this.call('findVisitors', {}, undefined, { ...match }), 'visitors');
  }
  /** Everything stored about one person, as JSON text for a download. */
  async exportPerson(match: VisitorMatch): Promise<string> {
    return JSON.stringify(await this.call('exportPerson', {}, undefined, { ...match }), null, 2);
  }
  /** Delete every visitor record of one person for good; answers the ids deleted. */
  async deletePerson(match: VisitorMatch): Promise<string[]> {
    return unwrap<string[]>(await this.call('deletePerson', {}, undefined, { ...match }), 'deleted');
  }
  async agents(): Promise<Agent[]> {
    return unwrap<Agent[]>(await this.call('agents'), 'agents');
  }
  // Admin
  currentConfig(): Promise<ConfigState> {
    return this.call('currentConfig');
  }
  async versions(): Promise<ConfigVersion[]> {
    return unwrap<ConfigVersion[]>(await this.call('configVersions'), 'versions');
  }
  pushConfig(config: unknown, note?: string): Promise<ConfigState> {
    return this.call('pushConfig', {}, note ? { config, note } : { config });
  }
  /** Browser origins the server refused lately for this site (not in `allowedOrigins`), the latest first. */
  async refusedOrigins(): Promise<{ origin: string; count: number; lastSeenAt: string }[]> {
    return unwrap(await this.call('refusedOrigins'), 'origins');
  }
  rollback(version: number): Promise<ConfigState> {
    return this.call('rollbackConfig', {}, { version });
  }
  async articles(): Promise<Article[]> {
    return unwrap<Article[]>(await this.call('adminArticles'), 'articles');
  }
  async saveArticle(id: string, input: ArticleInput): Promise<Article> {
    return unwrap<Article>(await this.call('upsertArticle', { id }, input), 'article');
  }
  deleteArticle(id: string): Promise<unknown> {
    return this.call('deleteArticle', { id });
  }
  /** Take a published article offline (it becomes a draft; its text and any pending draft are kept). */
  async unpublishArticle(id: string): Promise<Article> {
    return unwrap<Article>(await this.call('unpublishArticle', { id }), 'article');
  }
  /** Add a visitor's question to an article as an alternative question (agents too). */
  async addQuestion(articleId: string, locale: string, question: string): Promise<Article> {
    return unwrap<Article>(
      await this.call('addArticleQuestion', { id: articleId }, { locale, question }),
      'article',
    );
  }
  async agentArticles(): Promise<Article[]> {
    return unwrap<Article[]>(await this.call('agentArticles'), 'articles');
  }
  async proposals(): Promise<QuestionProposal[]> {
    return unwrap<QuestionProposal[]>(await this.call('questionProposals'), 'proposals');
  }
  resolveProposal(id: string, accept: boolean): Promise<unknown> {
    return this.call(accept ? 'acceptQuestionProposal' : 'dismissQuestionProposal', { id });
  }
  async categories(): Promise<Category[]> {
    return unwrap<Category[]>(await this.call('adminCategories'), 'categories');
  }
  async saveCategory(id: string, input: Omit<Category, 'id'>): Promise<Category> {
    return unwrap<Category>(await this.call('upsertCategory', { id }, input), 'category');
  }
}
