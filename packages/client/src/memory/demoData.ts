import type { Article, Category, SiteConfigInput } from '@frontdesk/protocol';

/** A demo site: a question form, a help center, ratings on. */
export const demoConfig: SiteConfigInput = {
  name: 'Demo shop',
  greeting: { en: 'Hi {name}, how can we help?' },
  channels: { email: { enabled: true, formId: 'question' } },
  forms: [
    {
      id: 'question',
      module: 'question',
      title: { en: 'Ask a question' },
      fields: [
        { name: 'email', type: 'email', label: { en: 'Email' }, required: true },
        { name: 'message', type: 'textarea', label: { en: 'Your question' }, required: true },
      ],
    },
  ],
};

const at = '2026-11-01T09:00:00.000Z';

export const demoCategories: Category[] = [
  { id: 'cat_orders', slug: 'orders', names: { en: 'Orders and delivery' }, order: 1 },
  { id: 'cat_account', slug: 'account', names: { en: 'Your account' }, order: 2 },
];

export const demoArticles: Article[] = [
  {
    id: 'art_delivery',
    slug: 'delivery-times',
    categoryId: 'cat_orders',
    status: 'published',
    translations: {
      en: {
        title: 'How long does delivery take?',
        body: 'Orders ship within one working day. Delivery takes 2–4 working days in the EU.',
      },
    },
    updatedAt: at,
  },
  {
    id: 'art_returns',
    slug: 'returns',
    categoryId: 'cat_orders',
    status: 'published',
    translations: {
      en: {
        title: 'Returning an order',
        body: 'You can return any order within 30 days. Start a return from your account or ask us in the chat.',
      },
    },
    updatedAt: at,
  },
  {
    id: 'art_password',
    slug: 'reset-password',
    categoryId: 'cat_account',
    status: 'published',
    translations: {
      en: {
        title: 'Resetting your password',
        body: 'Use "Forgot password" on the sign-in page; the link is valid for one hour.',
      },
    },
    updatedAt: at,
  },
];
