// The widget's rarely used JS API verbs (and, from `dataApi.ts`, the visitor-data verbs), in a lazy chunk: the open panel has no bytes to spare. `main.ts` sends
// every method the `Widget` class does not have here. Arguments are checked with the protocol's schemas first,
// so a bad call names the argument in the console and changes nothing.
import {
  type Availability,
  check,
  PositionSchema,
  ShowIdSchema,
  SuggestSchema,
  ThemeOverrideSchema,
  ZIndexSchema,
} from '@frontdesk/protocol';
import type { WidgetApi } from './api';
import { dataVerbs } from './dataApi';
import type { Widget } from './widget';

/** The verbs that run from this chunk (not methods of `Widget`). */
export type LazyVerb =
  | 'update'
  | 'trackEvent'
  | 'consent'
  | 'suggest'
  | 'showConversation'
  | 'showTicket'
  | 'endConversation'
  | 'popout'
  | 'setTheme'
  | 'setPosition'
  | 'setZIndex';

type Verbs = { [K in LazyVerb]: (w: Widget, ...args: Parameters<WidgetApi[K]>) => unknown };

/** Report a bad call: console error naming the verb and argument, and the `error` event. */
function fail(w: Widget, verb: string, message: string): void {
  const text = `[Frontdesk] ${verb}: ${message}`;
  console.error(text);
  w.emit('error', { code: 'validation_failed', message: text });
}

/** The checked value, or undefined after reporting what was wrong (`name` is the argument's name). */
function valid<S extends Parameters<typeof check>[0]>(
  w: Widget,
  verb: string,
  name: string,
  schema: S,
  input: unknown,
) {
  const result = check(schema, input, name);
  if (result.ok) return result.value;
  fail(w, verb, result.issues.map((i) => i.message).join('; '));
  return undefined;
}

/** A call of the visitor API with this visitor's token (the widget's client has no verb for these). */
async function visitorApi(w: Widget, method: string, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${w.options.apiUrl}/v1${path}`, {
    method,
    headers: { 'x-frontdesk-site': w.options.siteKey ?? '', authorization: `Bearer ${w.token?.()}` },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.message ?? response.statusText), { code: body.code });
  return body;
}

/**
 * Open a conversation of this visitor by server id: once the client has it (after the session started, or when
 * the realtime stream brings it), within 5 s; otherwise report it as not found.
 */
function openConversation(w: Widget, verb: string, id: string): Promise<void> {
  return new Promise((resolve) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      const message = `[Frontdesk] ${verb}: no conversation ${id} for this visitor`;
      console.error(message);
      w.emit('error', { code: 'not_found', message });
      resolve();
    }, 5000);
    const look = () => {
      const found = w.client.ready.value && w.client.conversations.value.find((c) => c.id === id);
      if (!found) return false;
      clearTimeout(timer);
      stop();
      w.go({ v: 'thread', c: found.clientId });
      w.open();
      resolve();
      return true;
    };
    // Signals are read through the client's `subscribe` here, so this chunk does not split them from the bundle.
    if (!look()) stop = w.client.subscribe(look);
  });
}

/** Wait until the session started and the conversations are loaded. */
function whenReady(w: Widget): Promise<void> {
  return new Promise((resolve) => {
    if (w.client.ready.value) return resolve();
    const off = w.client.on('ready', () => {
      off();
      resolve();
    });
  });
}

/**
 * When a getter queued before the bundle loaded is answered: once the session started (the visitor id and the
 * availability come with it), or after 10 s (consent may hold the session back), or at once without a widget.
 */
export function ready(w: Widget | null): Promise<unknown> {
  return w ? Promise.race([whenReady(w), new Promise((r) => setTimeout(r, 10_000))]) : Promise.resolve();
}

const ignore = () => {};

const verbs: Verbs = {
  // Fire-and-forget calls to the client, moved here to make room in the open-panel bundle.
  update(w, attributes) {
    w.client.updateVisitor({ attributes }).catch(ignore);
  },
  trackEvent(w, name, data) {
    w.client.track(name, data).catch(ignore);
    w.tracked?.(name, data);
  },
  consent(w, granted) {
    w.client.consent(granted).catch(ignore);
  },
  suggest(w, articles) {
    const tips = valid(w, 'suggest', 'articles', SuggestSchema, articles);
    if (tips !== undefined) w.tips.value = tips.length ? tips : null;
  },
  async showConversation(w, id) {
    const checked = valid(w, 'showConversation', 'id', ShowIdSchema, id);
    if (checked === undefined) return;
    await openConversation(w, 'showConversation', checked);
  },
  async showTicket(w, id) {
    const checked = valid(w, 'showTicket', 'id', ShowIdSchema, id);
    if (checked === undefined) return;
    let ticket: Record<string, unknown>;
    try {
      await whenReady(w);
      ticket = await visitorApi(w, 'GET', `/tickets/${encodeURIComponent(checked)}`);
    } catch (error) {
      const message = `[Frontdesk] showTicket: ${(error as Error).message}`;
      console.error(message);
      w.emit('error', { code: 'not_found', message });
      return;
    }
    // A ticket's messages are in its conversation (the form's answers are its first message).
    await openConversation(w, 'showTicket', String(ticket.conversationId));
  },
  async endConversation(w) {
    const route = w.route.value;
    const list = w.client.conversations.value;
    const shown = route.v === 'thread' ? list.find((c) => c.clientId === route.c) : undefined;
    const target = shown ?? list.findLast((c) => c.status !== 'resolved' && c.id);
    if (!target?.id) return fail(w, 'endConversation', 'there is no open conversation to end');
    if (target.status === 'resolved') return;
    try {
      await visitorApi(w, 'POST', `/conversations/${target.id}/end`);
    } catch (error) {
      fail(w, 'endConversation', (error as Error).message);
    }
  },
  async popout(w) {
    try {
      const { code } = await visitorApi(w, 'POST', '/popout');
      // The one-time code goes in the fragment: never sent to a server, nor in a Referer header.
      const url = `${w.options.apiUrl}/popout?siteKey=${encodeURIComponent(w.options.siteKey ?? '')}#${code}`;
      if (!window.open(url, 'frontdesk-popout', 'popup,width=420,height=680'))
        fail(w, 'popout', 'the browser blocked the window (call popout from a click)');
      else w.close();
    } catch (error) {
      fail(w, 'popout', (error as Error).message);
    }
  },
  setTheme(w, theme) {
    const checked = valid(w, 'setTheme', 'theme', ThemeOverrideSchema, theme);
    if (checked) w.look.value = { ...w.look.value, ...checked };
  },
  setPosition(w, position) {
    const checked = valid(w, 'setPosition', 'position', PositionSchema, position);
    if (!checked) return;
    const { side, ...offsets } = checked;
    w.look.value = { ...w.look.value, ...offsets, ...(side ? { position: side } : {}) };
  },
  setZIndex(w, zIndex) {
    const checked = valid(w, 'setZIndex', 'zIndex', ZIndexSchema, zIndex);
    if (checked !== undefined) w.look.value = { ...w.look.value, zIndex: checked };
  },
};

/** Run a verb that is not a method of `Widget`: one of these or a visitor-data verb (or report an unknown one). */
export function run(w: Widget, method: string, args: unknown[]): unknown {
  const verb = (verbs[method as LazyVerb] ?? dataVerbs[method as keyof typeof dataVerbs]) as
    | ((w: Widget, ...a: unknown[]) => unknown)
    | undefined;
  // Proactive messages have their own chunk (loaded at start when the config has any).
  if (method === 'showMessage') return import('./proactive').then((m) => m.call(w, method, args));
  if (!verb) {
    console.error(`[Frontdesk] unknown method "${method}"`);
    return undefined;
  }
  return verb(w, ...args);
}

/**
 * `hideOnMobile` and `hideWhenOffline`: the launcher is hidden by attributes on the host element, so `show` and
 * `hide` keep their own meaning and the panel still opens with `open`.
 */
export function hiding(w: Widget): void {
  w.style(
    '@media (max-width:640px){:host([hide-mobile]) .la{display:none}}:host([hide-offline]) .la{display:none}',
  );
  const host = w.root.root.host;
  host.toggleAttribute('hide-mobile', !!w.options.hideOnMobile);
  // Stops with the client (the widget destroys the client it owns).
  if (w.options.hideWhenOffline) {
    const apply = ({ availability }: { availability: Availability | null }) => {
      host.toggleAttribute('hide-offline', availability?.status === 'offline');
    };
    apply(w.client.getState());
    w.client.subscribe(apply);
  }
}
