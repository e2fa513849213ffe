import { stringLiteral } from './configSource';

/** Text of the commented `frontdesk.config.ts` that `frontdesk init` writes (formatted as the project's lint wants). */
export function starterConfig(name = 'My shop', origins: readonly string[] = []): string {
  return `// Frontdesk site config. Check it with \`frontdesk validate\`, publish it with \`frontdesk push\`.
// Every key is listed in docs/config-reference.md; your editor completes them from defineConfig's types.
import { defineConfig } from '@frontdesk/admin';

export default defineConfig({
  // Config format version; older files are migrated by the CLI, which prints what changed.
  version: 1,
  // Shown in the widget header.
  name: ${stringLiteral(name)},
  // Origins of the pages that embed the widget, e.g. 'https://shop.example.com' (scheme, host, port if any). A page
  // elsewhere gets "not available" and a console warning; the console lists refused origins to allow in one click.
  // Empty allows any origin.
  allowedOrigins: [${origins.map(stringLiteral).join(', ')}],
  theme: {
    // Launcher, header and your visitors' bubbles. Text contrast is corrected for you.
    brandColor: '#2557d6',
    // 'auto' follows the visitor's system; 'light' or 'dark' force one.
    mode: 'auto',
    position: 'right',
  },
  locales: { default: 'en', enabled: ['en'] },
  // Greeting on the home view; {name} becomes the visitor's name.
  greeting: { en: 'Hi {name}, how can we help?' },
  channels: {
    chat: { enabled: true },
    // An email/ticket form; formId must name a form below.
    email: { enabled: true, formId: 'contact' },
  },
  // When the team answers; outside these hours visitors see the away message.
  businessHours: {
    timeZone: 'Europe/Prague',
    week: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '15:00']],
    },
    holidays: ['2026-12-25'],
  },
  away: { message: { en: "We're away right now. Leave a message and we'll email you." }, askEmail: true },
  // Typical reply time shown to visitors, in minutes.
  expectedReplyMinutes: 5,
  forms: [
    {
      id: 'contact',
      module: 'question',
      // The email channel's label on the widget's home view (chat has its own: 'Send us a message').
      title: { en: 'Email us' },
      fields: [
        { name: 'email', type: 'email', label: { en: 'Your email' }, required: true },
        { name: 'message', type: 'textarea', label: { en: 'How can we help?' }, required: true },
      ],
    },
  ],
  helpCenter: { enabled: true, suggestWhileTyping: true },
  rating: { csat: true, nps: false, askWhen: 'resolved' },
  // Nothing is stored before consent when consentRequired is true; retentionDays 0 keeps conversations.
  privacy: { consentRequired: false, retentionDays: 0, redactPatterns: [] },
  identity: { verificationRequired: false },
  webhooks: [],
});
`;
}
