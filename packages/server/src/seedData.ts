import type { ArticleInput, SiteConfigInput } from '@frontdesk/protocol';
import { DEMO_QUALITY } from './seedQuality';

/** Where `examples/script-tag` serves its page (`pnpm --filter @frontdesk/example-script-tag start`). */
export const EXAMPLE_ORIGINS = ['http://127.0.0.1:4320', 'http://localhost:4320'];

/**
 * The demo site's config; `origins` are the server's own origins so the demo page works from it, and the
 * script-tag example's page is allowed too, so it works out of the box from its own port.
 */
export function demoConfig(origins: string[], bot = true): SiteConfigInput {
  return {
    // The answer bot answers from the demo help center (tests seed it off unless they test the bot).
    bot: { enabled: bot, name: 'Frontdesk Assistant' },
    name: 'Frontdesk Demo',
    allowedOrigins: [...origins, ...EXAMPLE_ORIGINS],
    theme: { brandColor: '#2557d6' },
    locales: { default: 'en', enabled: ['en', 'cs', 'hu', 'lv', 'zh'] },
    greeting: {
      en: 'Hi {name}! How can we help?',
      cs: 'Dobrý den, {name}! Jak vám můžeme pomoci?',
      hu: 'Szia {name}! Miben segíthetünk?',
      lv: 'Sveiki, {name}! Kā varam palīdzēt?',
      zh: '您好，{name}！有什么可以帮您？',
    },
    channels: { chat: { enabled: true }, email: { enabled: true, formId: 'question' } },
    expectedReplyMinutes: 5,
    quality: DEMO_QUALITY,
    forms: [
      {
        id: 'question',
        module: 'question',
        title: {
          en: 'Ask a question',
          cs: 'Zeptejte se',
          hu: 'Kérdezzen',
          lv: 'Uzdodiet jautājumu',
          zh: '提问',
        },
        fields: [
          { name: 'email', type: 'email', label: { en: 'Your email', cs: 'Váš e-mail' }, required: true },
          {
            name: 'topic',
            type: 'select',
            label: { en: 'Topic', cs: 'Téma' },
            required: true,
            options: [
              { value: 'order', label: { en: 'My order', cs: 'Moje objednávka' } },
              { value: 'billing', label: { en: 'Billing', cs: 'Platby' } },
              { value: 'other', label: { en: 'Something else', cs: 'Něco jiného' } },
            ],
          },
          {
            name: 'message',
            type: 'textarea',
            label: { en: 'Your question', cs: 'Váš dotaz' },
            required: true,
            maxLength: 4000,
          },
        ],
      },
      {
        id: 'return',
        module: 'return',
        title: { en: 'Return an item', cs: 'Vrácení zboží' },
        fields: [
          {
            name: 'order',
            type: 'text',
            label: { en: 'Order number', cs: 'Číslo objednávky' },
            required: true,
            pattern: '[A-Z0-9-]{4,20}',
          },
          { name: 'reason', type: 'textarea', label: { en: 'Reason', cs: 'Důvod' }, required: true },
        ],
      },
    ],
    rating: { csat: true, nps: true, askWhen: 'resolved' },
    // Sent only when the server has SMTP settings (docs/email.md: `pnpm start` with scripts/mailcatcher.mjs).
    email: { enabled: true, replyDelayMinutes: 1, followUp: { delayMinutes: 2 } },
    // Shown once to a visitor who goes to the demo page's help section (docs/proactive.md).
    proactive: [
      {
        id: 'help-section',
        trigger: { url: '*#help' },
        from: { agent: 'Dana' },
        text: {
          en: 'Looking for something? Ask us here, we usually reply within 5 minutes.',
          cs: 'Hledáte něco? Zeptejte se nás, obvykle odpovídáme do 5 minut.',
        },
        quickReplies: [
          { en: 'Where is my order?', cs: 'Kde je moje objednávka?' },
          { en: 'I want to return an item', cs: 'Chci vrátit zboží' },
        ],
      },
    ],
    privacy: { redactPatterns: ['\\b\\d(?:[ -]?\\d){12,15}\\b'] },
    // A team per topic: returns and complaints, billing, and orders for the rest (docs/routing.md). The demo
    // accounts are members, so a conversation goes to whoever is signed in to the console and online.
    teams: [
      { id: 'orders', name: 'Orders', agents: ['agent@example.com'] },
      { id: 'billing', name: 'Billing', agents: ['agent@example.com', 'admin@example.com'] },
      { id: 'complaints', name: 'Returns and complaints', agents: ['admin@example.com'] },
    ],
    routing: {
      rules: [
        { formId: ['return'], team: 'complaints' },
        { field: { name: 'topic', equals: ['billing'] }, team: 'billing' },
        { page: ['*/checkout*', '*/billing*'], team: 'billing' },
      ],
      defaultTeam: 'orders',
      assignment: 'round-robin',
      capacity: 5,
    },
  };
}

/** Demo help-center categories. */
export const DEMO_CATEGORIES = [
  {
    id: 'cat-orders',
    slug: 'orders',
    names: {
      en: 'Orders and delivery',
      cs: 'Objednávky a doprava',
      hu: 'Rendelések',
      lv: 'Pasūtījumi',
      zh: '订单与配送',
    },
    order: 1,
  },
  {
    id: 'cat-account',
    slug: 'account',
    names: { en: 'Your account', cs: 'Váš účet', hu: 'Fiók', lv: 'Konts', zh: '账户' },
    order: 2,
  },
];

/** Demo help articles in en, cs, hu, lv and zh. */
export const DEMO_ARTICLES: Array<{ id: string } & ArticleInput> = [
  {
    id: 'art-delivery',
    slug: 'delivery-times',
    categoryId: 'cat-orders',
    status: 'published',
    translations: {
      en: {
        title: 'How long does delivery take?',
        body: 'Orders ship within **one business day**. Delivery takes 2–4 days in the EU. You get a tracking link by email as soon as the parcel leaves our warehouse.',
      },
      cs: {
        title: 'Jak dlouho trvá doručení?',
        body: 'Objednávky odesíláme do **jednoho pracovního dne**. Doručení v EU trvá 2–4 dny. Příliš dlouhé čekání? Napište nám a zásilku dohledáme.',
      },
      hu: {
        title: 'Mennyi ideig tart a szállítás?',
        body: 'A rendeléseket **egy munkanapon belül** feladjuk. A kézbesítés az EU-ban 2–4 nap. A csomagkövetési linket e-mailben küldjük.',
      },
      lv: {
        title: 'Cik ilgi notiek piegāde?',
        body: 'Pasūtījumus nosūtām **vienas darba dienas** laikā. Piegāde ES aizņem 2–4 dienas. Sūtījuma izsekošanas saiti saņemsiet e-pastā.',
      },
      zh: {
        title: '配送需要多长时间？',
        body: '订单在**一个工作日内**发货。欧盟境内配送需要二到四天。包裹离开仓库后，您会通过电子邮件收到物流跟踪链接。',
      },
    },
  },
  {
    id: 'art-returns',
    slug: 'returns',
    categoryId: 'cat-orders',
    status: 'published',
    translations: {
      en: {
        title: 'Returning an item',
        body: 'You can return any item within **30 days**. Use the return form in the widget; we email a prepaid label and refund within 5 days of receiving the parcel.',
      },
      cs: {
        title: 'Vrácení zboží',
        body: 'Zboží můžete vrátit do **30 dnů**. Vyplňte formulář pro vrácení; pošleme vám předplacený štítek a peníze vrátíme do 5 dnů od přijetí zásilky.',
      },
      hu: {
        title: 'Termék visszaküldése',
        body: 'Bármely terméket **30 napon belül** visszaküldhet. Töltse ki a visszaküldési űrlapot; a visszatérítés 5 napon belül érkezik.',
      },
      lv: {
        title: 'Preču atgriešana',
        body: 'Jebkuru preci varat atgriezt **30 dienu** laikā. Aizpildiet atgriešanas veidlapu; naudu atmaksāsim 5 dienu laikā pēc sūtījuma saņemšanas.',
      },
      zh: {
        title: '如何退货',
        body: '您可以在**三十天内**退回任何商品。请填写退货表格；我们会发送预付运单，并在收到包裹后五天内退款。',
      },
    },
  },
  {
    id: 'art-password',
    slug: 'reset-password',
    categoryId: 'cat-account',
    status: 'published',
    translations: {
      en: {
        title: 'Resetting your password',
        body: 'Click **Forgot password** on the sign-in page and follow the link we email you. The link is valid for one hour.',
      },
      cs: {
        title: 'Obnovení hesla',
        body: 'Na přihlašovací stránce klikněte na **Zapomenuté heslo** a otevřete odkaz z e-mailu. Odkaz platí jednu hodinu.',
      },
      hu: {
        title: 'Jelszó visszaállítása',
        body: 'Kattintson az **Elfelejtett jelszó** gombra, és kövesse az e-mailben küldött linket. A link egy óráig érvényes.',
      },
      lv: {
        title: 'Paroles atiestatīšana',
        body: 'Pieteikšanās lapā noklikšķiniet uz **Aizmirsu paroli** un atveriet saiti e-pastā. Saite ir derīga vienu stundu.',
      },
      zh: {
        title: '重置密码',
        body: '在登录页面点击**忘记密码**，然后打开我们发送到您邮箱的链接。该链接一小时内有效。',
      },
    },
  },
  {
    id: 'art-payment',
    slug: 'payment-methods',
    categoryId: 'cat-account',
    status: 'published',
    translations: {
      en: {
        title: 'Which payment methods do you accept?',
        body: 'We accept cards, bank transfer and PayPal. Invoices are available in your account.',
      },
      cs: {
        title: 'Jaké platební metody přijímáte?',
        body: 'Přijímáme platební karty, bankovní převod a PayPal. Faktury najdete ve svém účtu.',
      },
      hu: {
        title: 'Milyen fizetési módokat fogadnak el?',
        body: 'Elfogadunk bankkártyát, átutalást és PayPalt. A számlák a fiókjában érhetők el.',
      },
      lv: {
        title: 'Kādus maksājumu veidus pieņemat?',
        body: 'Pieņemam maksājumu kartes, bankas pārskaitījumu un PayPal. Rēķini ir pieejami jūsu kontā.',
      },
      zh: {
        title: '你们接受哪些付款方式？',
        body: '我们接受银行卡、银行转账和贝宝。发票可在您的账户中查看。',
      },
    },
  },
];

/** Demo canned responses. */
export const DEMO_CANNED = [
  {
    id: 'cr-hello',
    shortcut: 'hello',
    title: 'Greeting',
    text: 'Hi! Thanks for reaching out — how can I help?',
  },
  {
    id: 'cr-tracking',
    shortcut: 'tracking',
    title: 'Tracking link',
    text: 'You will find the tracking link in the shipping email we sent you.',
  },
];
