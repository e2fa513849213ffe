import * as v from 'valibot';
import { LocaleSchema, LocalizedTextSchema } from './common';
import { FormDefinitionSchema } from './form';
import { ProactiveMessageSchema } from './proactive';
import { QualitySchema } from './quality';
import { RoutingSchema, TeamIdSchema } from './routing';
import { safeUrl } from './safeUrl';

/** Version of the config file format. Older versions are migrated by `@frontdesk/admin`. */
export const CONFIG_VERSION = 1;

const HexColorSchema = v.pipe(
  v.string('a colour'),
  v.regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour like #1a73e8'),
);
const TimeSchema = v.pipe(
  v.string('a time'),
  v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time like "09:00"'),
);
const DateSchema = v.pipe(v.string('a date'), v.isoDate('a date like "2026-12-25"'));
/** A config URL (logo, avatar, social channel, link) that passes the one safe-URL rule, {@link safeUrl}. */
export const SafeUrlSchema = v.pipe(
  v.string('a URL'),
  v.maxLength(2048),
  v.check((url) => safeUrl(url) !== undefined, 'an absolute http, https, mailto or tel URL'),
);
const HttpsUrlSchema = v.pipe(v.string('a URL'), v.url('an absolute URL'));
const OriginSchema = v.pipe(
  v.string('an origin'),
  v.regex(
    /^(https?:\/\/[^/\s:]+(:\d+)?|\*)$/,
    'an origin like https://shop.example.com (scheme, host, optional port)',
  ),
);

/** Is `zone` an IANA time zone this runtime knows? */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = v.pipe(
  v.string('a time zone'),
  v.check(isTimeZone, 'an IANA time zone like "Europe/Prague"'),
);

export const ThemeSchema = v.strictObject({
  /** Brand colour of the launcher, header and visitor bubbles. Contrast is corrected by the widget. */
  brandColor: v.optional(HexColorSchema, '#2557d6'),
  /** Colour scheme: follow the visitor's system (`auto`), or force light or dark. */
  mode: v.optional(v.picklist(['light', 'dark', 'auto']), 'auto'),
  /** Which bottom corner the launcher sits in. */
  position: v.optional(v.picklist(['right', 'left']), 'right'),
  /** Distance from the side of the viewport, in CSS pixels. */
  offsetX: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(400)), 20),
  /** Distance from the bottom of the viewport, in CSS pixels. */
  offsetY: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(400)), 20),
  /** z-index of the widget's host element. */
  zIndex: v.optional(v.pipe(v.number(), v.integer()), 2147483000),
  /** Panel width and height in CSS pixels on large screens (full screen on phones). */
  panelWidth: v.optional(v.pipe(v.number(), v.integer(), v.minValue(300), v.maxValue(600)), 380),
  panelHeight: v.optional(v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(900)), 640),
  logoUrl: v.optional(SafeUrlSchema),
  avatarUrl: v.optional(SafeUrlSchema),
  /** Hide the default launcher; open the widget from your own element with `Frontdesk('open')`. */
  hideLauncher: v.optional(v.boolean(), false),
});

const DaySchema = v.array(v.tuple([TimeSchema, TimeSchema]));

/** Opening hours per weekday in a time zone, with closed dates. */
export const BusinessHoursSchema = v.strictObject({
  timeZone: TimeZoneSchema,
  /** Open intervals per weekday, e.g. `mon: [["09:00", "17:00"]]`. A missing day is closed. */
  week: v.strictObject({
    mon: v.optional(DaySchema),
    tue: v.optional(DaySchema),
    wed: v.optional(DaySchema),
    thu: v.optional(DaySchema),
    fri: v.optional(DaySchema),
    sat: v.optional(DaySchema),
    sun: v.optional(DaySchema),
  }),
  /** Dates (in the time zone) when support is closed. */
  holidays: v.optional(v.array(DateSchema), []),
});

export const ChannelsSchema = v.strictObject({
  chat: v.optional(v.strictObject({ enabled: v.boolean() }), { enabled: true }),
  /** Offer an email/ticket form; `formId` names a form from `forms`. */
  email: v.optional(v.strictObject({ enabled: v.boolean(), formId: v.optional(v.string()) }), {
    enabled: false,
  }),
  /** Offer a phone number (click to call) and/or a call-back request form. */
  phone: v.optional(
    v.strictObject({
      enabled: v.boolean(),
      number: v.optional(
        v.pipe(v.string(), v.regex(/^\+?[0-9 ()-]{5,20}$/, 'a phone number like +420 123 456 789')),
      ),
      callbackFormId: v.optional(v.string()),
    }),
    { enabled: false },
  ),
  social: v.optional(
    v.array(
      v.strictObject({
        network: v.picklist(['whatsapp', 'messenger', 'telegram', 'instagram', 'x', 'facebook', 'linkedin']),
        url: SafeUrlSchema,
      }),
    ),
    [],
  ),
});

export const RatingSettingsSchema = v.strictObject({
  csat: v.optional(v.boolean(), true),
  nps: v.optional(v.boolean(), false),
  /** When to ask: as soon as a conversation is resolved, or never. */
  askWhen: v.optional(v.picklist(['resolved', 'never']), 'resolved'),
});

export const PrivacySchema = v.strictObject({
  /** When true, the widget stores nothing and connects to nothing before the visitor consents. */
  consentRequired: v.optional(v.boolean(), false),
  /**
   * The consent prompt the widget shows in the chat while consent is required and not given (per locale; the
   * widget has defaults in every language it ships). Sites with their own banner call `Frontdesk('consent', true)`.
   */
  consentPrompt: v.optional(
    v.strictObject({
      /** What the visitor agrees to, e.g. "We store this chat to answer you." */
      text: v.optional(LocalizedTextSchema),
      /** Label of the button that gives consent. */
      accept: v.optional(LocalizedTextSchema),
      /** Label of the button that declines. */
      decline: v.optional(LocalizedTextSchema),
      /** Link to the site's privacy policy, shown with the prompt. */
      policyUrl: v.optional(HttpsUrlSchema),
    }),
  ),
  /** Delete conversations older than this many days (0 keeps them). */
  retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650)), 0),
  /** Regular expressions whose matches are replaced by `[redacted]` before messages are stored. */
  redactPatterns: v.optional(
    v.array(
      v.pipe(
        v.string(),
        v.check((p) => {
          try {
            new RegExp(p, 'g');
            return true;
          } catch {
            return false;
          }
        }, 'a valid regular expression'),
      ),
    ),
    [],
  ),
});

// https only; the server also accepts http for the hosts its operator lists in WEBHOOK_DEV_HOSTS (development).
const WebhookUrlSchema = v.pipe(
  v.string('a URL'),
  v.url('an absolute URL'),
  // Only one issue per URL: a string that is no URL at all is reported by v.url alone.
  v.check((url) => !/^[a-z][\w+.-]*:/i.test(url) || /^https?:\/\//i.test(url), 'an https URL'),
  v.check((url) => !/^https?:\/\/[^/?#]*@/i.test(url), 'a URL without a user name or password'),
);

export const WebhookSchema = v.strictObject({
  url: WebhookUrlSchema,
  events: v.pipe(
    v.array(
      v.picklist([
        'conversation.created',
        'message.created',
        'conversation.resolved',
        'ticket.created',
        'rating.submitted',
      ]),
    ),
    v.minLength(1, 'at least one event'),
  ),
});

/** The answer bot (see docs/bot.md): answers new chats from the help center and hands over to a person. */
export const BotSchema = v.strictObject({
  /** Let the bot answer new chat conversations from the help center. Off by default. */
  enabled: v.optional(v.boolean(), false),
  /** The name shown on the bot's messages. */
  name: v.optional(
    v.pipe(v.string('a name'), v.minLength(1, 'a non-empty name'), v.maxLength(60)),
    'Assistant',
  ),
  /** Avatar image of the bot's messages (the theme's avatar when absent). */
  avatar: v.optional(HttpsUrlSchema),
  /**
   * Calibrated search score (0–1) from which the bot answers; overrides the search engine's `answer` threshold.
   * Lower answers more questions and hands fewer to the team, with more wrong answers.
   */
  confidence: v.optional(
    v.pipe(v.number('a score'), v.minValue(0, 'at least 0'), v.maxValue(1, 'at most 1')),
  ),
  /** What the bot says when it hands over to the team; the expected reply time or the away notice follows. */
  handoffText: v.optional(LocalizedTextSchema),
  /** Answers the visitor may pass over by asking again before the bot hands over (default 2). */
  maxTries: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)), 2),
});

/**
 * A team of agents, e.g. "Billing" or "Complaints". Routing rules send conversations to a team; analytics and the
 * console's inbox filters group by it. Agents are named by their sign-in email; one agent may be in several teams.
 */
export const TeamSchema = v.strictObject({
  /** Stable id used by routing rules and analytics, e.g. `billing`. */
  id: TeamIdSchema,
  /** Name shown in the console. */
  name: v.pipe(v.string('a team name'), v.trim(), v.minLength(1, 'a non-empty name'), v.maxLength(100)),
  /** Members, by sign-in email. */
  agents: v.optional(
    v.array(v.pipe(v.string('an agent email'), v.trim(), v.toLowerCase(), v.email('an agent email'))),
    [],
  ),
});

const TextsSchema = v.record(
  LocaleSchema,
  v.record(v.pipe(v.string(), v.regex(/^[a-zA-Z][\w.]*$/, 'a text key')), v.string()),
);

/**
 * Email continuity (server-only; needs SMTP configured on the server, see docs/email.md): unread agent replies,
 * transcripts and follow-ups go to visitors who left an email, and their email answers come back into the chat.
 */
export const EmailSettingsSchema = v.strictObject({
  /** Send emails to visitors and agents of this site. */
  enabled: v.optional(v.boolean(), false),
  /** Sender name shown in the visitor's mailbox (default: the site's name); the address is the server's `SMTP_FROM`. */
  fromName: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
  /**
   * An agent reply the visitor has not read after this many minutes goes to them by email, with the thread so far
   * (fractions allowed; 0 sends at the next check).
   */
  replyDelayMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10080)), 5),
  /** "Is your problem solved?" by email after a resolution the visitor did not answer in the widget. */
  followUp: v.optional(
    v.strictObject({
      /** Send the follow-up email. */
      enabled: v.optional(v.boolean(), true),
      /** Minutes after the resolution (fractions allowed). */
      delayMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(43_200)), 60),
    }),
    {},
  ),
  /** Visitors may ask for the conversation's transcript by email. */
  transcripts: v.optional(v.boolean(), true),
  /** Email digest of unanswered conversations to agents who opted in, while they are not online. */
  digest: v.optional(
    v.strictObject({
      /** Send digests to agents who opted in (`POST /v1/agent/email-digest`). */
      enabled: v.optional(v.boolean(), false),
      /** At most one digest per agent this often, in minutes (fractions allowed). */
      everyMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10080)), 60),
    }),
    {},
  ),
  /**
   * The weekly quality summary (docs/analytics.md) by email to the site's managers and admins, once a week for
   * the last complete week (Monday to Monday), at `weekday` and `hour` in the site's time zone (`timeZone`).
   */
  weeklySummary: v.optional(
    v.strictObject({
      /** Send the weekly summary. */
      enabled: v.optional(v.boolean(), false),
      /** Day of the week it is sent: 1 Monday … 7 Sunday. */
      weekday: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)), 1),
      /** Hour of that day it is sent from, 0–23. */
      hour: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)), 8),
    }),
    {},
  ),
});

/** A site's whole configuration, as written with `defineConfig` and pushed with the CLI. */
export const SiteConfigSchema = v.strictObject({
  /** Config file format version. */
  version: v.optional(v.literal(CONFIG_VERSION, `config version ${CONFIG_VERSION}`), CONFIG_VERSION),
  /** The site's display name, shown in the widget header. */
  name: v.pipe(v.string('a site name'), v.minLength(1, 'a non-empty name'), v.maxLength(100)),
  /** Origins allowed to load the widget and call the visitor API. */
  allowedOrigins: v.optional(v.array(OriginSchema), []),
  theme: v.optional(ThemeSchema, {}),
  locales: v.optional(
    v.strictObject({
      default: v.optional(LocaleSchema, 'en'),
      enabled: v.optional(v.pipe(v.array(LocaleSchema), v.minLength(1)), ['en']),
    }),
    {},
  ),
  /** Override any widget text per locale, e.g. `{ en: { 'home.greeting': 'Hi there' } }`. */
  texts: v.optional(TextsSchema, {}),
  /** Greeting shown on the home view; `{name}` is replaced by the visitor's name. */
  greeting: v.optional(LocalizedTextSchema),
  channels: v.optional(ChannelsSchema, {}),
  businessHours: v.optional(BusinessHoursSchema),
  /**
   * The site's time zone (IANA, e.g. `Europe/Prague`): analytics count days, weeks, months and hours of day in it.
   * When absent, `businessHours.timeZone` is used, else UTC.
   */
  timeZone: v.optional(TimeZoneSchema),
  away: v.optional(
    v.strictObject({
      message: v.optional(LocalizedTextSchema),
      /** Ask for an email when nobody is available. */
      askEmail: v.optional(v.boolean(), true),
    }),
    {},
  ),
  /** Typical reply time in minutes while agents are online, shown to visitors. */
  expectedReplyMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10080)), 5),
  /** Id of a form from `forms` to ask before a chat starts. */
  preChatFormId: v.optional(v.string()),
  forms: v.optional(v.array(FormDefinitionSchema), []),
  helpCenter: v.optional(
    v.strictObject({
      enabled: v.optional(v.boolean(), true),
      suggestWhileTyping: v.optional(v.boolean(), true),
      /**
       * Words that mean the same to this site's visitors, per locale: `{ en: [["refund", "money back"]] }`. A
       * query with one word of a group also finds articles with the others (weighted a little lower).
       */
      synonyms: v.optional(
        v.record(
          LocaleSchema,
          v.pipe(
            v.array(
              v.pipe(
                v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
                v.minLength(2, 'a group of at least two words or phrases'),
                v.maxLength(50),
              ),
            ),
            v.maxLength(1000),
          ),
        ),
        {},
      ),
    }),
    {},
  ),
  bot: v.optional(BotSchema, {}),
  rating: v.optional(RatingSettingsSchema, {}),
  privacy: v.optional(PrivacySchema, {}),
  identity: v.optional(
    v.strictObject({
      /** Refuse sessions that name a user without a valid `userHash` or `jwt`. */
      verificationRequired: v.optional(v.boolean(), false),
      /** The `aud` claim identity JWTs must carry (checked only when set). */
      audience: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
      /** The `iss` claim identity JWTs must carry (checked only when set). */
      issuer: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
      /** Longest an identity JWT may live: its `exp` at most this many minutes ahead (default one day). */
      maxTokenMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(43_200)), 1440),
      /** Clock difference tolerated on `exp`, `nbf` and `iat`, in seconds. */
      clockSkewSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600)), 60),
    }),
    {},
  ),
  webhooks: v.optional(v.array(WebhookSchema), []),
  /**
   * Proactive messages (docs/proactive.md): the widget shows one in a bubble above the launcher when its trigger
   * holds; a reply starts a conversation with it as the first message. See `ProactiveMessageSchema`.
   */
  proactive: v.optional(v.array(ProactiveMessageSchema), []),
  /**
   * How the widget tells a visitor about a new message from the team while its panel is closed. It happens once per
   * visitor across their open tabs (the tab that leads them), and never when the visitor muted it in the panel.
   */
  notifications: v.optional(
    v.strictObject({
      /** Play a short tone (generated in the browser, no file is fetched). */
      sound: v.optional(v.boolean(), true),
      /** Prefix the page title with the unread count, e.g. `(1) Shop`; the title comes back when the panel opens. */
      titleBadge: v.optional(v.boolean(), true),
    }),
    {},
  ),
  /** Teams of agents; see `TeamSchema`. */
  teams: v.optional(v.array(TeamSchema), []),
  /** Emails to visitors and agents; see `EmailSettingsSchema` (server-only). */
  email: v.optional(EmailSettingsSchema, {}),
  /** Routing of new conversations and tickets to teams, and automatic assignment; see `RoutingSchema`. */
  routing: v.optional(RoutingSchema, {}),
  /** Quality reviews: rubrics and the rules that sample conversations for review (server-only; docs/quality.md). */
  quality: v.optional(QualitySchema, {}),
});

/** The config as written (defaults optional). */
export type SiteConfigInput = v.InferInput<typeof SiteConfigSchema>;
/** The config after validation, with every default filled in. */
export type SiteConfig = v.InferOutput<typeof SiteConfigSchema>;
export type Theme = v.InferOutput<typeof ThemeSchema>;
export type BusinessHours = v.InferOutput<typeof BusinessHoursSchema>;
export type BotSettings = v.InferOutput<typeof BotSchema>;
export type Channels = v.InferOutput<typeof ChannelsSchema>;
export type Team = v.InferOutput<typeof TeamSchema>;
export type EmailSettings = v.InferOutput<typeof EmailSettingsSchema>;

/** The time zone a site's figures are counted in: `timeZone`, else `businessHours.timeZone`, else UTC. */
export function siteTimeZone(config: Pick<SiteConfig, 'timeZone' | 'businessHours'>): string {
  return config.timeZone ?? config.businessHours?.timeZone ?? 'UTC';
}

/** What the widget receives: the site config without server-only parts (webhooks, allowed origins, teams, email,
 * routing, quality). */
export type PublicConfig = Omit<
  SiteConfig,
  'webhooks' | 'allowedOrigins' | 'teams' | 'email' | 'routing' | 'quality'
>;

/** Strip server-only settings before a config is sent to browsers. */
export function toPublicConfig(config: SiteConfig): PublicConfig {
  const {
    webhooks: _webhooks,
    allowedOrigins: _origins,
    teams: _teams,
    email: _email,
    routing: _routing,
    quality: _quality,
    ...rest
  } = config;
  return rest;
}
