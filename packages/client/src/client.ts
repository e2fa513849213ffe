import type {
  Attachment,
  Availability,
  EphemeralEvent,
  Identity,
  Lead,
  Message,
  Page,
  PublicConfig,
  StreamEvent,
  Visitor,
} from '@frontdesk/protocol';
import { batch, computed, effect, signal } from '@preact/signals-core';
import { createConversationStore } from './conversationStore';
import { createEmitter } from './emitter';
import {
  type FrontdeskError,
  isFrontdeskError,
  isTransient,
  NotFoundError,
  toFrontdeskError,
} from './errors';
import { clientId } from './id';
import { browserOnlineManager } from './onlineManager';
import { type Command, messageIds, safeStorage } from './outbox';
import { idbStorage, memoryStorage } from './storage';
import { joinTabs, type TabMessage, type Tabs } from './tabs';
import type {
  ChatMessage,
  Client,
  ClientEventMap,
  ClientOptions,
  ClientState,
  ConnectionStatus,
  ConsentState,
  Session,
  StorageAdapter,
  TypingIndicator,
} from './types';
import { yieldToHost } from './yield';

const TYPING_TTL = 8000;
const TYPING_THROTTLE = 3000;

const now = () => new Date().toISOString();
const asError = (error: unknown): FrontdeskError =>
  isFrontdeskError(error)
    ? error
    : toFrontdeskError({
        code: 'internal',
        message: error instanceof Error ? error.message : String(error),
        cause: error,
      });

function defaultPage(): Page | undefined {
  if (typeof location === 'undefined' || !/^https?:/.test(location.href)) return undefined;
  return {
    url: location.href,
    title: typeof document !== 'undefined' ? document.title.slice(0, 500) : undefined,
  };
}

/** Thrown inside the client when a boot was overtaken by a newer one (reset, identify); never surfaces. */
const SUPERSEDED = new Error('superseded');

/** Create a headless Frontdesk client. See docs/client.md. */
export function createClient(options: ClientOptions): Client {
  const { backend } = options;
  const ns = `frontdesk:${backend.name ?? 'default'}`;
  const page = () => options.page ?? defaultPage();
  const TOKEN = `${ns}:token`;
  const OUTBOX = `${ns}:outbox`;
  const events = createEmitter<ClientEventMap>();
  const online = options.online ?? browserOnlineManager();
  const minDelay = options.reconnect?.min ?? 500;
  const maxDelay = options.reconnect?.max ?? 30_000;

  const store = createConversationStore();
  const status = signal<ConnectionStatus>('idle');
  const ready = signal(false);
  const visitor = signal<Visitor | null>(null);
  const config = signal<PublicConfig | null>(null);
  const availability = signal<Availability | null>(null);
  const typing = signal<TypingIndicator[]>([]);
  const locale = signal(
    options.locale ?? (typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en'),
  );
  const consentState = signal<ConsentState>(
    options.consent === true ? 'granted' : options.consent === false ? 'denied' : 'pending',
  );
  const leader = signal(false);
  const unreadCount = computed(() => store.list.value.reduce((sum, c) => sum + c.unread, 0));

  let persisted: StorageAdapter | undefined;
  const persistent = () =>
    (persisted ??= options.storage ?? (typeof indexedDB !== 'undefined' ? idbStorage() : memoryStorage()));
  const storage = safeStorage(memoryStorage(), memoryStorage, (cause) => {
    // Memory from now on, for good: switching back to storage that failed would lose what is kept here.
    storageFailed = true;
    leadAlone();
    events.emit('warning', {
      kind: 'storage',
      message: 'Storage unavailable (private mode or full): kept in memory only.',
      cause,
    });
  });

  let storageFailed = false;
  let session: Session | null = null;
  let identity = options.identity;
  let cursor = 0;
  let link: (() => void) | null = null;
  let attempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let flushing = false;
  let flushAgain = false;
  let booting: Promise<void> | null = null;
  let destroyed = false;
  let tabs: Tabs | null = null;
  let generation = 0;
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let typingSentAt = 0;

  const backoff = () => {
    const ceiling = Math.min(maxDelay, minDelay * 2 ** attempts++);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };
  const setStatus = (next: ConnectionStatus) => {
    if (status.value === next) return;
    status.value = next;
    events.emit('connectionChange', { status: next });
    if (leader.value) tabs?.post({ t: 'status', status: next });
  };
  const fail = (error: unknown) => events.emit('error', { error: asError(error) });
  /** This tab talks to the backend: it leads the tabs, or is on its own. */
  const sends = () => leader.value || !tabs;

  // ---- applying what the backend says ----

  function applyEvent(event: StreamEvent, fromLink: boolean) {
    // Not before the load is done: an event for a conversation not listed yet would be dropped while the cursor
    // moves past it. The cursor stays at the session's, and the resync or link after the load replays it.
    if (!session || !ready.value || event.seq <= cursor) return;
    if (event.seq > cursor + 1) {
      // A gap means something was missed: fetch it instead of applying out of order.
      if (fromLink) restartLink();
      else void resync();
      return;
    }
    cursor = event.seq;
    if (fromLink) tabs?.post({ t: 'event', event });
    switch (event.type) {
      case 'conversation.created':
      case 'conversation.updated': {
        const { value, created, before } = store.upsert(event.conversation);
        if (created) events.emit('conversationStart', { conversation: value });
        else if (value.status === 'resolved' && before?.status !== 'resolved')
          events.emit('conversationEnd', { conversation: value });
        else events.emit('conversationUpdate', { conversation: value });
        break;
      }
      case 'message.created':
        applyMessage(event.message);
        break;
      case 'message.read':
        store.applyRead(event.conversationId, event.by, event.readSeq);
        break;
      case 'rating.requested': {
        const conversation = store.setRatingRequested(event.conversationId, true);
        if (conversation) events.emit('ratingRequest', { conversation });
        break;
      }
    }
  }

  function applyMessage(message: Message) {
    const applied = store.applyMessage(message);
    const conversation = store.get(message.conversationId);
    if (!applied || !conversation) return;
    const mine = message.author.kind === 'visitor';
    if (mine && applied.before && applied.before.seq === null)
      events.emit('message', { kind: 'sent', message: applied.value, conversation, notify: false });
    else if (!mine && applied.created)
      events.emit('message', {
        kind: 'received',
        message: applied.value,
        conversation,
        notify: leader.value,
      });
  }

  function applyEphemeral(event: EphemeralEvent, fromLink: boolean) {
    if (fromLink) tabs?.post({ t: 'ephemeral', event });
    if (event.type === 'availability') {
      availability.value = event.availability;
      events.emit('availabilityChange', { availability: event.availability });
    } else if (event.type === 'typing' && event.by === 'agent') {
      const key = store.get(event.conversationId)?.clientId;
      if (!key) return;
      clearTimeout(typingTimers.get(key));
      const others = typing.value.filter((t) => t.conversation !== key);
      typing.value = event.typing ? [...others, { conversation: key, name: event.name }] : others;
      if (event.typing)
        typingTimers.set(
          key,
          setTimeout(() => applyEphemeral({ ...event, typing: false }, false), TYPING_TTL),
        );
      events.emit('typing', { conversation: key, name: event.name, typing: event.typing });
    }
  }

  /**
   * Switch storage, carrying what is queued: a message written while the client still kept its outbox in memory
   * (before start-up or consent) must reach the storage that is used from now on. `wipe` deletes the old copy.
   */
  async function moveTo(next: StorageAdapter, wipe = false): Promise<void> {
    if (storageFailed) return;
    // Switch first, so a command queued from now on goes to `next`; what the old storage holds is read after.
    const old = storage.use(next);
    // Already there (consent(true) on every page load): copying it into itself could bring back what was sent.
    if (old === next) return;
    let queued: Command[] = [];
    let token: string | undefined;
    try {
      queued = (await old.get<Command[]>(OUTBOX)) ?? [];
      token = await old.get<string>(TOKEN);
      if (wipe) {
        await old.del(TOKEN);
        await old.del(OUTBOX);
      }
    } catch {
      // The old storage failing is what a fallback to memory already reported.
    }
    // This tab's session goes along (consent given after running in memory: the other tabs reload as it).
    if (token) await storage.set(TOKEN, token);
    if (queued.length)
      // In the order they were queued (old first on a tie): one queued during the switch is already in `next`.
      await storage.update<Command[]>(OUTBOX, (list = []) =>
        [...queued.filter((c) => !list.some((l) => l.clientId === c.clientId)), ...list].sort(
          (a, b) => Date.parse(a.at) - Date.parse(b.at),
        ),
      );
  }

  // ---- session ----

  /** Read anew each time: consent can change while a boot awaits. */
  const granted = () => consentState.value === 'granted';

  async function boot(): Promise<void> {
    const mine = ++generation;
    if (options.requireConsent && !granted()) return;
    // The public config first (it creates no visitor): whether the site requires consent, and, because it needs
    // no CORS preflight, a page whose origin the site refuses reads `origin_not_allowed` here and stops, where the
    // session's failed preflight would look like a network error retried for ever. Cached by the browser (60 s).
    const published = await retrying(() => backend.getConfig(), mine);
    if (mine !== generation) return;
    config.value = published.config;
    // consent(true) may have come while the config was on its way: it joined this boot.
    if (published.config.privacy?.consentRequired && !granted()) return;
    if (consentState.value === 'pending') setConsent('granted');
    // Opening storage and joining the other tabs in a task of their own, after the config's effects.
    await yieldToHost();
    if (mine !== generation) return;
    if (granted()) await moveTo(persistent());
    if (mine !== generation) return;
    // Consent may have been withdrawn while storage moved: decide on what holds now.
    if (granted()) joinOtherTabs();
    else if (options.requireConsent || config.value?.privacy?.consentRequired) return;
    else leadAlone();
    setStatus('connecting');
    let visitorToken = await storage.get<string>(TOKEN);
    const startSession = () =>
      backend.startSession({
        visitorToken,
        identity,
        locale: locale.value,
        page: page(),
        attributes: options.attributes,
      });
    const started = await retrying(
      () =>
        startSession().catch((error) => {
          // A token the backend no longer accepts (expired, data reset): carry on as a new visitor.
          if (!visitorToken || !isFrontdeskError(error, 'unauthorized')) throw error;
          visitorToken = undefined;
          return startSession();
        }),
      mine,
    );
    if (mine !== generation) return;
    await load(started, mine);
  }

  /** Take a session: store its token, load the conversations, restore the outbox, then go live. */
  async function load(started: Session, mine: number) {
    session = started;
    cursor = started.cursor;
    await storage.set(TOKEN, started.visitorToken);
    const conversations = await retrying(() => backend.listConversations(), mine);
    const pages = await Promise.all(
      conversations.map((c) => retrying(() => allMessages(c.id), mine).then((messages) => ({ c, messages }))),
    );
    if (mine !== generation) return;
    batch(() => {
      visitor.value = started.visitor;
      config.value = started.config;
      availability.value = started.availability;
      for (const { c, messages } of pages) {
        store.upsert(c);
        for (const m of messages) store.applyMessage(m);
      }
    });
    for (const command of (await storage.get<Command[]>(OUTBOX)) ?? []) showPending(command);
    ready.value = true;
    events.emit('ready', { visitor: started.visitor, config: started.config });
    // Going live (the realtime link, the outbox) in a task of its own, after what `ready` led to.
    await yieldToHost();
    if (mine !== generation) return;
    if (sends()) {
      connect();
      void flush();
    } else {
      // Tell the leader this tab is here (it answers with its status) and may have brought queued messages.
      tabs?.post({ t: 'outbox' });
      void resync();
    }
  }

  async function allMessages(conversationId: string): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const batch = await backend.listMessages(conversationId, {
        afterSeq: all.at(-1)?.seq ?? 0,
        limit: 200,
      });
      all.push(...batch);
      if (batch.length < 200) return all;
    }
  }

  /** Call until it works, waiting with backoff on transient errors; gives up when the client moved on. */
  async function retrying<T>(call: () => Promise<T>, mine: number): Promise<T> {
    for (;;) {
      if (destroyed || mine !== generation) throw SUPERSEDED;
      try {
        const result = await call();
        // What the answer leads to runs in a task of its own, not in the one that read it (a long task for the
        // page at start-up otherwise).
        await yieldToHost();
        return result;
      } catch (error) {
        if (!isTransient(error)) throw error;
        setStatus('offline');
        await new Promise((resolve) => setTimeout(resolve, retryDelay(error)));
      }
    }
  }

  const retryDelay = (error: unknown) =>
    isFrontdeskError(error, 'rate_limited') && error.retryAfter ? error.retryAfter * 1000 : backoff();

  // ---- realtime ----

  function connect() {
    if (destroyed || link || !session || !sends()) return;
    if (!online.isOnline()) return setStatus('offline');
    clearTimeout(reconnectTimer);
    setStatus('connecting');
    let closed = false;
    let close: (() => void) | undefined;
    // Set before subscribing: a backend may report `closed` synchronously from inside `subscribe`.
    const stop = () => {
      closed = true;
      close?.();
    };
    link = stop;
    close = backend.subscribe(cursor, {
      event: (event) => !closed && applyEvent(event, true),
      ephemeral: (event) => !closed && applyEphemeral(event, true),
      status: (state) => {
        if (closed) return;
        if (state === 'open') {
          attempts = 0;
          setStatus('online');
          void flush();
        } else if (state === 'closed') {
          closed = true;
          if (link === stop) link = null;
          setStatus(online.isOnline() ? 'connecting' : 'offline');
          reconnectTimer = setTimeout(connect, backoff());
        }
      },
    });
  }

  function disconnect() {
    clearTimeout(reconnectTimer);
    link?.();
    link = null;
  }

  function restartLink() {
    disconnect();
    connect();
  }

  /**
   * Followers (and leaders without a link) fetch what they missed over plain requests. `strict`: throw what the
   * backend throws (the caller decides) rather than report it.
   */
  async function resync(strict?: boolean) {
    const mine = generation;
    try {
      // Not before the load (which resyncs itself), nor into a session that was replaced meanwhile.
      while (ready.value && mine === generation) {
        const page = await backend.events(cursor, 500);
        if (mine !== generation) return;
        for (const event of page.events) applyEvent(event, false);
        if (!page.hasMore || page.events.length === 0) return;
      }
    } catch (error) {
      if (strict) throw error;
      if (!isTransient(error)) fail(error);
    }
  }

  // ---- outbox ----

  function showPending(command: Command) {
    if (command.type === 'create') {
      const known = store.get(command.clientId);
      const conversation = store.addPendingConversation(
        command.clientId,
        command.channel ?? 'chat',
        command.subject ?? null,
        command.at,
      );
      if (command.message) showMessage(command.clientId, command.message, command.at);
      if (!known) events.emit('conversationStart', { conversation: store.get(conversation.clientId)! });
    } else showMessage(command.conversation, command, command.at);
    if (command.failed) for (const id of messageIds(command)) store.setStatus(id, 'failed', command.failed);
  }

  /** Uploads of this page, so a queued message shows its attachments before it is acknowledged. */
  const uploads = new Map<string, Attachment>();
  function showMessage(
    conversation: string,
    { clientId: id, text, attachmentIds = [] }: { clientId: string; text: string; attachmentIds?: string[] },
    at: string,
  ): ChatMessage | undefined {
    return store.addPendingMessage(conversation, {
      clientId: id,
      id: null,
      seq: null,
      author: {
        kind: 'visitor',
        id: visitor.value?.id ?? null,
        name: visitor.value?.name ?? null,
        avatarUrl: null,
      },
      text,
      attachments: attachmentIds.flatMap((a) => uploads.get(a) ?? []),
      createdAt: at,
      status: 'sending',
    });
  }

  async function enqueue(command: Command) {
    try {
      await storage.update<Command[]>(OUTBOX, (list) => [...(list ?? []), command]);
    } catch (error) {
      fail(error);
    }
    tabs?.post({ t: 'pending', command });
    sendOutbox();
  }

  /** This tab sends the outbox if it holds the connection; otherwise the leader is asked to. */
  function sendOutbox() {
    if (sends()) void flush();
    else tabs?.post({ t: 'outbox' });
  }

  /** Send queued commands one at a time, in order; stop at the first transient failure and retry later. */
  async function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = true;
    clearTimeout(flushTimer);
    try {
      for (;;) {
        flushAgain = false;
        // Not before the conversations are loaded: a queued message must find its conversation.
        if (destroyed || !ready.value || !online.isOnline()) return;
        const command = ((await storage.get<Command[]>(OUTBOX)) ?? []).find((c) => !c.failed);
        if (!command) return;
        let error: FrontdeskError | undefined;
        try {
          await run(command);
        } catch (cause) {
          if (isTransient(cause)) {
            flushTimer = setTimeout(() => void flush(), retryDelay(cause));
            return;
          }
          error = asError(cause);
        }
        // Sent: it leaves the outbox. Refused for good: it stays, marked, until `retry`.
        await storage.update<Command[]>(OUTBOX, (list = []) =>
          error
            ? list.map((c) => (c.clientId === command.clientId ? { ...c, failed: error.message } : c))
            : list.filter((c) => c.clientId !== command.clientId),
        );
        if (error) failCommand(command, error);
      }
    } finally {
      flushing = false;
      if (flushAgain) void flush();
    }
  }

  async function run(command: Command) {
    if (command.type === 'create') {
      // The create body is the command without its outbox bookkeeping, with the page the visitor is on.
      const { type: _t, at: _a, failed: _f, ...input } = command;
      const { conversation, message } = await backend.createConversation({ ...input, page: page() });
      const { created, value } = store.upsert(conversation);
      // Started in another tab: this (leader) tab sees it for the first time.
      if (created) events.emit('conversationStart', { conversation: value });
      if (message) applyMessage(message);
      return;
    }
    // Known here only as pending: another tab may have created it while this one had no link (the leader changed,
    // or it was offline). Its `conversation.created` is in the stream: catch up before calling it not found.
    if (!store.get(command.conversation)?.id) await resync(true);
    const conversation = store.get(command.conversation);
    if (!conversation?.id)
      throw new NotFoundError({
        code: 'not_found',
        message: 'The conversation of this message was not created.',
      });
    // The send body is the command without its outbox bookkeeping (clientId, text, attachments, bot reply).
    const { type: _t, conversation: _c, at: _a, failed: _f, ...input } = command;
    applyMessage(await backend.sendMessage(conversation.id, input));
  }

  function failCommand(command: Command, error: FrontdeskError) {
    for (const id of messageIds(command)) {
      showFailed(id, error.message);
      tabs?.post({ t: 'failed', clientId: id, error: error.message });
    }
    fail(error);
  }
  function showFailed(id: string, error: string) {
    const message = store.setStatus(id, 'failed', error);
    const conversation = store.findMessage(id)?.conversation;
    if (message && conversation)
      events.emit('message', { kind: 'failed', message, conversation, notify: false });
  }

  // ---- tabs ----

  function onTab(message: TabMessage) {
    switch (message.t) {
      case 'event':
        return applyEvent(message.event, false);
      case 'ephemeral':
        return applyEphemeral(message.event, false);
      case 'status':
        if (!leader.value) setStatus(message.status);
        return;
      case 'failed':
        return showFailed(message.clientId, message.error);
      case 'pending':
        if (ready.value) showPending(message.command);
        return;
      case 'outbox':
        if (leader.value) {
          tabs?.post({ t: 'status', status: status.value });
          void flush();
        }
        return;
      case 'read':
        return store.applyRead(message.conversationId, 'visitor', message.readSeq);
      case 'session':
        void restart(false);
    }
  }

  /**
   * Tabs share one session, connection and outbox only through shared storage. In memory only (consent denied,
   * storage failing) each tab is a visitor of its own: it leaves the others and leads alone.
   */
  function leadAlone() {
    tabs?.close();
    tabs = null;
    if (!leader.value) becomeLeader();
  }
  function joinOtherTabs() {
    if (storageFailed) return leadAlone();
    if (tabs || options.tabs === false) return;
    tabs = joinTabs(ns, onTab, becomeLeader);
    // With no Web Locks or BroadcastChannel it leads alone; otherwise the lock decides.
    if (tabs) leader.value = false;
    else becomeLeader();
  }

  function becomeLeader() {
    leader.value = true;
    if (ready.value) {
      connect();
      void flush();
    }
  }

  /** Drop the current session state and boot again (identify, reset, another tab changed the visitor). */
  async function restart(announce: boolean) {
    disconnect();
    generation++;
    batch(() => {
      session = null;
      cursor = 0;
      ready.value = false;
      visitor.value = null;
      typing.value = [];
      store.clear();
    });
    // A boot still waiting (e.g. offline) is superseded: start a new one now rather than wait for it.
    booting = null;
    await start();
    // After the new session is stored, so the other tabs load the same visitor.
    if (announce) tabs?.post({ t: 'session' });
  }

  function setConsent(next: ConsentState) {
    if (consentState.value === next) return;
    consentState.value = next;
    events.emit('consentChange', { consent: next });
  }

  const offOnline = online.subscribe((isOnline) => {
    if (isOnline) {
      attempts = 0;
      if (sends()) {
        restartLink();
        void flush();
      } else void resync();
    } else {
      disconnect();
      setStatus('offline');
    }
  });

  // A tab waking up may have missed events (frozen timers, a dead socket): catch up like after `online`.
  const onVisible = () => {
    if (document.visibilityState !== 'visible' || !ready.value) return;
    if (!sends()) void resync();
    else if (status.value !== 'online') restartLink();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);

  let lastUnread = 0;
  const offUnread = effect(() => {
    const count = unreadCount.value;
    if (count !== lastUnread) {
      lastUnread = count;
      events.emit('unreadCountChange', { count, notify: leader.value });
    }
  });

  function start(): Promise<void> {
    if (destroyed) return Promise.resolve();
    if (options.tabs === false) leader.value = true;
    if (!booting) {
      const current: Promise<void> = boot()
        .catch((error) => {
          if (error !== SUPERSEDED) fail(error);
        })
        .finally(() => {
          if (booting === current) booting = null;
        });
      booting = current;
    }
    return booting;
  }

  /** Resolves at the next `ready` (the session started). */
  const nextReady = () => new Promise<ClientEventMap['ready']>((resolve) => events.once('ready', resolve));
  const conversationOf = (key: string) => {
    const conversation = store.get(key);
    if (!conversation) throw new NotFoundError({ code: 'not_found', message: `No conversation "${key}".` });
    return conversation;
  };
  const requireId = (key: string) => {
    const { id } = conversationOf(key);
    if (!id) throw new NotFoundError({ code: 'not_found', message: 'The conversation is not created yet.' });
    return id;
  };
  const getState = (): ClientState => ({
    status: status.value,
    ready: ready.value,
    visitor: visitor.value,
    config: config.value,
    availability: availability.value,
    conversations: store.list.value,
    unreadCount: unreadCount.value,
    typing: typing.value,
    locale: locale.value,
    consent: consentState.value,
    leader: leader.value,
  });

  const client: Client = {
    status,
    ready,
    visitor,
    config,
    availability,
    conversations: store.list,
    unreadCount,
    typing,
    locale,
    consentState,
    leader,
    getState,
    subscribe(listener) {
      let first = true;
      return effect(() => {
        const state = getState();
        if (first) first = false;
        else listener(state);
      });
    },
    on: events.on,
    off: events.off,
    once: events.once,
    start,
    startConversation({ text: raw, attachmentIds, ...rest } = {}) {
      const id = clientId();
      const at = now();
      const text = raw?.trim() ? raw : undefined;
      // The rest (channel, subject, proactive) goes to the backend as given.
      const command: Command = {
        ...rest,
        type: 'create',
        clientId: id,
        message:
          text || attachmentIds?.length
            ? { clientId: clientId(), text: text ?? '', attachmentIds }
            : undefined,
        at,
      };
      showPending(command);
      void enqueue(command);
      return store.get(id)!;
    },
    sendMessage(key, text, input = {}) {
      const conversation = conversationOf(key);
      const command: Command = {
        ...input,
        type: 'send',
        clientId: clientId(),
        conversation: conversation.clientId,
        text,
        at: now(),
      };
      const message = showMessage(conversation.clientId, command, command.at)!;
      void enqueue(command);
      return message;
    },
    retry(id) {
      if (store.findMessage(id)?.message.status !== 'failed') return;
      store.setStatus(id, 'sending');
      // The mark is in the shared outbox, so any tab can retry, also after a reload; the command keeps its place.
      void storage
        .update<Command[]>(OUTBOX, (list = []) =>
          list.map(({ failed, ...command }) =>
            failed && !messageIds(command).includes(id) ? { ...command, failed } : command,
          ),
        )
        .then(sendOutbox, fail);
    },
    async markRead(key) {
      const conversation = conversationOf(key);
      if (!conversation.id || conversation.lastSeq <= conversation.visitorReadSeq) return;
      store.applyRead(conversation.id, 'visitor', conversation.lastSeq);
      tabs?.post({ t: 'read', conversationId: conversation.id, readSeq: conversation.lastSeq });
      await backend.markRead(conversation.id, conversation.lastSeq).catch(fail);
    },
    setTyping(key, isTyping) {
      const id = store.get(key)?.id;
      if (!id) return;
      const at = Date.now();
      if (isTyping && at - typingSentAt < TYPING_THROTTLE) return;
      if (!isTyping && typingSentAt === 0) return;
      typingSentAt = isTyping ? at : 0;
      backend.typing(id, isTyping).catch(() => {});
    },
    async identify(given) {
      const next = given as Identity;
      // No userId: an anonymous lead's contact details, stored apart and unverified (never a sign-in).
      if (!next.userId) return client.updateVisitor({ lead: given as Lead });
      identity = next;
      if (session) {
        const started = await backend.startSession({ visitorToken: session.visitorToken, identity: next });
        await storage.set(TOKEN, started.visitorToken);
        if (started.visitor.id === visitor.value?.id) {
          session = started;
          visitor.value = started.visitor;
          return started.visitor;
        }
        // Another visitor (the user's history on other devices): start over as them, in every tab.
        await restart(true);
      } else await start();
      // Not started yet (e.g. waiting for consent): the identity is used when the session starts.
      return visitor.value ?? (await nextReady()).visitor;
    },
    async updateVisitor(update) {
      // Called before the session started (a queued call, a lead's details): sent once it has.
      if (!ready.value) await nextReady();
      const next = await backend.updateVisitor(update);
      visitor.value = next;
      return next;
    },
    track: (name, data) => backend.track({ name, data }),
    search: (query) => backend.search(query, locale.value),
    getArticle: (id) => backend.getArticle(id, locale.value),
    listCategories: () => backend.listCategories(),
    articleFeedback: (id, helpful) => backend.articleFeedback(id, helpful),
    submitForm: (formId, values) =>
      backend.submitForm({
        clientId: clientId(),
        formId,
        values,
        locale: locale.value,
        page: page(),
      }),
    async rate(key, rating) {
      const id = requireId(key);
      const result = await backend.rate(id, { ...rating, clientId: clientId() });
      store.setRatingRequested(id, false);
      return result;
    },
    async upload(file, name) {
      const attachment = await backend.upload(file, name);
      uploads.set(attachment.id, attachment);
      return attachment;
    },
    setLocale(next) {
      if (next === locale.value) return;
      locale.value = next;
      if (session) backend.updateVisitor({ locale: next }).catch(fail);
    },
    async consent(granted) {
      const wasDenied = consentState.value === 'denied';
      setConsent(granted ? 'granted' : 'denied');
      // Keep the session and the outbox, moved to the storage that applies now; denying deletes them from disk.
      await moveTo(granted ? persistent() : memoryStorage(), !granted);
      if (!granted) leadAlone();
      // Led alone in memory by choice until now: join the other tabs, as the visitor this tab is (they reload it).
      else if (session && wasDenied && !storageFailed) await restart(true);
      if (!session && (granted || !(options.requireConsent || config.value?.privacy?.consentRequired)))
        await start();
    },
    async reset() {
      await storage.del(TOKEN);
      await storage.del(OUTBOX);
      identity = undefined;
      await restart(true);
    },
    logout: () => client.reset(),
    destroy() {
      destroyed = true;
      generation++;
      disconnect();
      clearTimeout(flushTimer);
      for (const timer of typingTimers.values()) clearTimeout(timer);
      offOnline();
      offUnread();
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
      tabs?.close();
      events.clear();
      setStatus('idle');
    },
  };

  if (options.autoStart !== false) void start();
  return client;
}
