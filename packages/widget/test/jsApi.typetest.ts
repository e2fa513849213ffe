// The type test of the widget's JS API (`pnpm typecheck` compiles this file; it never runs). Each block below is an
// example of docs/widget-api.md, copied verbatim (jsApiDocs.test.ts fails when they differ), so a documented
// example that stops type-checking fails `pnpm typecheck`. The rest uses every verb once and checks that each
// event's payload is narrowed by its name, for the loaded global and for the queue before it has loaded.
// biome-ignore-all lint/correctness/noUnusedVariables: the docs' examples, verbatim (they declare what they show)
import type { Command, FrontdeskGlobal, FrontdeskQueue, WidgetEvents } from '@frontdesk/widget';

declare const Frontdesk: FrontdeskGlobal;
declare const queue: FrontdeskQueue;

export async function documented(): Promise<void> {
  // docs/widget-api.md
  {
    Frontdesk('open');
    Frontdesk('identify', { userId: 'u_42', email: 'ana@example.com', name: 'Ana', userHash: '…' });
    const off = Frontdesk('on', 'messageReceived', (e) => console.log(e.text));
  }
  // docs/widget-api.md
  {
    const visitorId = await Frontdesk('getVisitorId');
  }
  Frontdesk('suggest', ['art_returns', 'art_sizes']);
  Frontdesk('suggest', 'return an item');
  // docs/widget-api.md
  {
    const availability = await Frontdesk('getAvailability');
    Frontdesk('on', 'availabilityChange', (e) => {
      document.body.classList.toggle('support-closed', e.status === 'offline');
      if (e.nextOpenAt) console.log('back at', new Date(e.nextOpenAt).toLocaleString());
    });
  }
  Frontdesk('showConversation', 'cv_3kq9x2');
  Frontdesk('showTicket', 'FD-1001');
  document.querySelector('#end-chat')?.addEventListener('click', () => Frontdesk('endConversation'));
  document.querySelector('#chat-window')?.addEventListener('click', () => Frontdesk('popout'));
  Frontdesk('setTheme', { brandColor: '#0b6e4f', mode: 'dark' });
  Frontdesk('setPosition', { side: 'left', offsetX: 24, offsetY: 90 });
  Frontdesk('setZIndex', 1000);
  // On an order page: the message, who is asking (not signed in), their company, and what it is about.
  Frontdesk('identify', { name: 'Ana Lopez', email: 'ana@example.com', phone: '+420 777 123 456' });
  Frontdesk('setCompany', { id: 'c_981', name: 'Acme Outdoor', attributes: { plan: 'gold' } });
  Frontdesk('setConversationFields', { orderId: '123', total: 49.5 });
  Frontdesk('addTags', ['order', 'pre-sale']);
  Frontdesk('sendMessage', 'I need help with order 123');
  // Later on: the order shipped, the sale tag no longer applies, the trial attribute is gone.
  Frontdesk('setConversationFields', { total: null, carrier: 'DHL' });
  Frontdesk('removeTags', ['pre-sale']);
  Frontdesk('deleteAttribute', 'trial');
  // A message of the site's config, by id: its caps (once per visitor, per session, per day) still apply.
  Frontdesk('showMessage', { id: 'pricing-help' });
  // Or the page's own text, from the bot, with up to four quick replies.
  Frontdesk('showMessage', {
    text: 'Our summer sale ends tonight. Questions?',
    quickReplies: ['Yes', 'No thanks'],
  });
}

export async function everyVerb(): Promise<void> {
  Frontdesk('boot', { siteKey: 'demo', hideOnMobile: true, hideWhenOffline: true });
  Frontdesk('init', { siteKey: 'demo' });
  Frontdesk('open');
  Frontdesk('close');
  Frontdesk('toggle');
  Frontdesk('show');
  Frontdesk('hide');
  Frontdesk('navigate', 'help');
  Frontdesk('showNewMessage', 'Order 123 is late');
  Frontdesk('showArticle', 'art_1');
  Frontdesk('search', 'refund');
  Frontdesk('identify', { userId: 'u_42', email: 'ana@example.com' });
  Frontdesk('update', { plan: 'pro' });
  Frontdesk('trackEvent', 'checkout', { total: 12 });
  Frontdesk('setLocale', 'cs');
  Frontdesk('consent', true);
  Frontdesk('suggest', ['art_1']);
  Frontdesk('suggest', 'return an item');
  Frontdesk('showConversation', 'cv_1');
  Frontdesk('showTicket', 'FD-1001');
  Frontdesk('endConversation');
  Frontdesk('popout');
  Frontdesk('setTheme', { brandColor: '#0b6e4f' });
  Frontdesk('setPosition', { side: 'left' });
  Frontdesk('setZIndex', 10);
  Frontdesk('reset');
  Frontdesk('shutdown');
  Frontdesk('destroy');
  const id: string | null = Frontdesk('getVisitorId');
  const unread: number = Frontdesk('getUnreadCount');
  const open: boolean = Frontdesk('isOpen');
  const status = Frontdesk('getAvailability')?.status;
  const off: () => void = Frontdesk('on', 'messageReceived', (e) => e.text);
  Frontdesk('off', 'unreadCountChange', (e) => e.count);
  Frontdesk('on', 'availabilityChange', (e) => e.nextOpenAt);
  // @ts-expect-error a messageReceived payload has no count
  Frontdesk('on', 'messageReceived', (e) => e.count);
  // @ts-expect-error setZIndex takes a number
  Frontdesk('setZIndex', '10');
  // @ts-expect-error setPosition's side is left or right
  Frontdesk('setPosition', { side: 'top' });
  // @ts-expect-error no such verb
  Frontdesk('explode');

  // Before the bundle has loaded: getters answer with a Promise, listeners keep their payload type.
  const later: Promise<string | null> = queue('getVisitorId');
  const availability = await queue('getAvailability');
  queue('on', 'messageReceived', (e) => e.author);
  queue('setZIndex', 5);
  // @ts-expect-error an unreadCountChange payload has no text
  queue('on', 'unreadCountChange', (e) => e.text);
  // @ts-expect-error the queue's other calls answer nothing
  const nothing: number = queue('open');

  // A queued command keeps the listener's payload type too.
  const command: Command = ['on', 'search', (e: WidgetEvents['search']) => e.results];
  void [id, unread, open, status, off, later, availability, nothing, command];
}
