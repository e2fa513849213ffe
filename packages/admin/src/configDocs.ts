/**
 * One line per config key, shown in `docs/config-reference.md` and as help text in the console's config form.
 * A test fails when a schema key has no line here or a line names a key the schema no longer has.
 */
export const CONFIG_DOCS: Record<string, string> = {
  version: 'Config file format version. Older versions are migrated by the CLI, which prints what changed.',
  name: "The site's display name, shown in the widget header.",
  allowedOrigins: 'Origins allowed to load the widget and call the visitor API. Empty allows any origin.',
  theme: 'How the widget looks.',
  'theme.brandColor': 'Brand colour of the launcher, header and visitor bubbles. Text contrast is corrected.',
  'theme.mode': "Colour scheme: follow the visitor's system (`auto`), or force light or dark.",
  'theme.position': 'Which bottom corner the launcher sits in.',
  'theme.offsetX': 'Distance from the side of the viewport, in CSS pixels.',
  'theme.offsetY': 'Distance from the bottom of the viewport, in CSS pixels.',
  'theme.zIndex': "z-index of the widget's host element.",
  'theme.panelWidth': 'Panel width in CSS pixels on large screens (full screen on phones).',
  'theme.panelHeight': 'Panel height in CSS pixels on large screens (full screen on phones).',
  'theme.logoUrl': 'Logo shown in the panel header.',
  'theme.avatarUrl': 'Team avatar shown next to replies.',
  'theme.hideLauncher':
    "Hide the default launcher; open the widget from your own element with `Frontdesk('open')`.",
  locales: 'Which languages the widget speaks.',
  'locales.default': "Locale used when the visitor's language is not enabled. Must be one of `enabled`.",
  'locales.enabled': "Locales the widget offers; the visitor's browser language picks one.",
  texts: "Override any widget text per locale, e.g. `{ en: { 'home.greeting': 'Hi there' } }`.",
  'texts.<locale>': 'Overrides for one enabled locale.',
  'texts.<locale>.<key>': 'The replacement text for one text key of the widget.',
  greeting: "Greeting shown on the home view; `{name}` is replaced by the visitor's name.",
  channels: 'Ways a visitor can reach the team.',
  'channels.chat': 'Live chat in the widget.',
  'channels.chat.enabled': 'Offer live chat.',
  'channels.email': 'An email/ticket form.',
  'channels.email.enabled': 'Offer the email/ticket form.',
  'channels.email.formId': 'Id of the form in `forms` to use; must be defined.',
  'channels.phone': 'A phone number (click to call) and/or a call-back request form.',
  'channels.phone.enabled': 'Offer phone contact.',
  'channels.phone.number': 'The number to call.',
  'channels.phone.callbackFormId': 'Id of the call-back request form in `forms`; must be defined.',
  'channels.social': 'Links to the team on social networks and messengers.',
  'channels.social[].network': 'Which network the link goes to (sets the icon).',
  'channels.social[].url': 'Link to the profile or chat.',
  businessHours: 'When the team answers. Outside these hours the away message shows.',
  'businessHours.timeZone': 'IANA time zone the hours are written in.',
  'businessHours.week':
    'Open intervals per weekday, e.g. `mon: [["09:00", "17:00"]]`. A missing day is closed.',
  'businessHours.week.mon': 'Monday: open intervals, which must not overlap.',
  'businessHours.week.tue': 'Tuesday: open intervals, which must not overlap.',
  'businessHours.week.wed': 'Wednesday: open intervals, which must not overlap.',
  'businessHours.week.thu': 'Thursday: open intervals, which must not overlap.',
  'businessHours.week.fri': 'Friday: open intervals, which must not overlap.',
  'businessHours.week.sat': 'Saturday: open intervals, which must not overlap.',
  'businessHours.week.sun': 'Sunday: open intervals, which must not overlap.',
  'businessHours.holidays': 'Dates (in the time zone) when support is closed.',
  timeZone:
    "The site's time zone (IANA), in which analytics count days, weeks, months and hours of the day. Default: `businessHours.timeZone`, else UTC.",
  away: 'What visitors see when nobody is available.',
  'away.message': 'Message shown outside business hours or when no agent is online.',
  'away.askEmail': 'Ask for an email address when nobody is available.',
  expectedReplyMinutes: 'Typical reply time in minutes while agents are online, shown to visitors.',
  preChatFormId: 'Id of a form from `forms` to ask before a chat starts; must be defined.',
  forms: 'Self-service forms (question, complaint, return, order status, call-back). Each creates a ticket.',
  'forms[].id': 'Unique id of the form, referenced by `preChatFormId` and the channels.',
  'forms[].module': 'The kind of service flow; drives icons and reporting.',
  'forms[].title': 'Title of the form per locale.',
  'forms[].description': 'Short explanation shown above the fields.',
  'forms[].fields': 'The fields, in display order. Names must be unique within the form.',
  'forms[].fields[].name': 'Name of the value in the ticket; unique within the form.',
  'forms[].fields[].type': 'Input type of the field.',
  'forms[].fields[].label': 'Label per locale.',
  'forms[].fields[].help': 'Help text per locale, shown under the field.',
  'forms[].fields[].errorText':
    'What the visitor reads when the value is not accepted (pattern, range, type), per locale, e.g. "An order number looks like AB-1234". Without it the widget says so in plain words, never showing the pattern.',
  'forms[].fields[].required': 'The form cannot be sent without a value.',
  'forms[].fields[].pattern': 'Regular expression the whole value must match (text, email, phone, textarea).',
  'forms[].fields[].min': 'Smallest allowed number (number fields).',
  'forms[].fields[].max': 'Largest allowed number (number fields); not below `min`.',
  'forms[].fields[].maxLength': 'Most characters allowed.',
  'forms[].fields[].options': 'Choices of a select or multiselect field (at least one).',
  'forms[].fields[].options[].value': 'Value stored in the ticket.',
  'forms[].fields[].options[].label': 'Label shown per locale.',
  helpCenter: 'The help center in the widget.',
  'helpCenter.enabled': 'Show help-center search and articles.',
  'helpCenter.suggestWhileTyping': 'Suggest articles while the visitor types a message.',
  'helpCenter.synonyms':
    'Words that mean the same to your visitors, per locale: `{ en: [["refund", "money back"]] }`. A search with one finds articles with the others.',
  'helpCenter.synonyms.<locale>':
    'Synonym groups of this locale; each group lists two or more words or phrases.',
  bot: 'The answer bot: answers new chats from the help center and hands over to a person (docs/bot.md).',
  'bot.enabled': 'Let the bot answer new chat conversations from the help center. Off by default.',
  'bot.name': "The name shown on the bot's messages.",
  'bot.avatar': "Avatar image of the bot's messages (the theme's avatar when absent).",
  'bot.confidence':
    "Calibrated search score (0–1) from which the bot answers; overrides the search engine's answer threshold.",
  'bot.handoffText':
    'What the bot says when it hands over to the team; the expected reply time or the away notice follows.',
  'bot.maxTries': 'Answers the visitor may pass over by asking again before the bot hands over.',
  rating: 'Asking visitors to rate conversations.',
  'rating.csat': 'Ask for a satisfaction rating (CSAT).',
  'rating.nps': 'Ask the net promoter score question (NPS).',
  'rating.askWhen': 'When to ask: as soon as a conversation is resolved, or never.',
  privacy: 'Consent, retention and redaction.',
  'privacy.consentRequired': 'The widget stores nothing and connects to nothing before the visitor consents.',
  'privacy.consentPrompt':
    'The consent prompt shown in the chat while consent is required and not given; the widget has defaults in every language it ships.',
  'privacy.consentPrompt.text':
    'What the visitor agrees to, per locale, e.g. "We store this chat to answer you."',
  'privacy.consentPrompt.accept': 'Label of the button that gives consent, per locale.',
  'privacy.consentPrompt.decline': 'Label of the button that declines, per locale.',
  'privacy.consentPrompt.policyUrl': "Link to the site's privacy policy, shown with the prompt.",
  'privacy.retentionDays': 'Delete conversations older than this many days (0 keeps them).',
  'privacy.redactPatterns':
    'Regular expressions whose matches are replaced by `[redacted]` before messages are stored.',
  identity: 'Identity of signed-in users.',
  'identity.verificationRequired':
    'Require `userHash` or a signed JWT for `identify`, so nobody can pose as a user.',
  'identity.audience': 'The `aud` claim identity JWTs must carry (checked only when set).',
  'identity.issuer': 'The `iss` claim identity JWTs must carry (checked only when set).',
  'identity.maxTokenMinutes':
    'Longest an identity JWT may live: its `exp` at most this many minutes ahead (default one day).',
  'identity.clockSkewSeconds': 'Clock difference tolerated on `exp`, `nbf` and `iat`, in seconds.',
  webhooks: 'HTTPS endpoints called (signed) when things happen.',
  'webhooks[].url':
    'https endpoint to POST events to (http only to hosts the server lists in `WEBHOOK_DEV_HOSTS`); it must resolve to a public address, and redirects are not followed.',
  'webhooks[].events': 'Which events to send.',
  teams: 'Teams of agents (server-only, never sent to browsers). Routing sends conversations to a team.',
  'teams[].id': 'Stable id used by routing rules, the inbox filter and analytics, e.g. `billing`. Unique.',
  'teams[].name': 'Name shown in the console.',
  'teams[].agents': 'Members, by sign-in email; an agent may be in several teams.',
  routing: 'Which team a new conversation or ticket goes to, and automatic assignment (docs/routing.md).',
  'routing.rules': 'Rules in order: the first whose conditions all hold names the team.',
  'routing.rules[].team': 'The team (an id from `teams`) a matching conversation or ticket goes to.',
  'routing.rules[].formId': 'Matches a ticket from one of these forms.',
  'routing.rules[].field': "A form answer: a ticket's field, or a chat's pre-chat answer.",
  'routing.rules[].field.name': 'The form field name.',
  'routing.rules[].field.equals': 'Matches when the answer equals one of these (text without case).',
  'routing.rules[].page':
    'Page URL patterns with `*` for any text, e.g. `https://shop.example.com/billing/*`.',
  'routing.rules[].language': "The visitor's language: `cs` matches `cs` and `cs-CZ`.",
  'routing.rules[].attribute': 'A visitor attribute set by the site.',
  'routing.rules[].attribute.name': 'The attribute name.',
  'routing.rules[].attribute.equals': 'Matches when the attribute equals one of these (text without case).',
  'routing.rules[].channel': 'Matches these channels only.',
  'routing.rules[].conversationField':
    'A conversation field set by the site (`setConversationFields`) before the conversation started.',
  'routing.rules[].conversationField.name': 'The field name.',
  'routing.rules[].conversationField.equals':
    'Matches when the field equals one of these (text without case).',
  'routing.rules[].tags': 'Conversation tags set before it started: matches when it has one of them.',
  'routing.defaultTeam': 'Team of conversations no rule matches; without it they have no team.',
  'routing.assignment':
    'Automatic assignment within the team: `round-robin` (the online member assigned longest ago), `least-busy` (fewest open conversations) or `manual`.',
  'routing.capacity': 'Open conversations an agent holds at most before automatic assignment passes them by.',
  'routing.agentCapacity': 'Capacity per agent, by sign-in email, overriding `capacity`.',
  'routing.agentCapacity.<key>': "One agent's capacity.",
  email:
    'Emails to visitors and agents (server-only; needs `SMTP_URL` and `SMTP_FROM` on the server, see docs/email.md).',
  'email.enabled': 'Send emails to visitors and agents of this site.',
  'email.fromName':
    "Sender name in the visitor's mailbox (default: the site's name); the address is `SMTP_FROM`.",
  'email.replyDelayMinutes':
    'An agent reply the visitor has not read after this many minutes goes to them by email with the thread (fractions allowed).',
  'email.followUp':
    '"Is your problem solved?" by email after a resolution the visitor did not answer in the widget.',
  'email.followUp.enabled': 'Send the follow-up email.',
  'email.followUp.delayMinutes': 'Minutes after the resolution (fractions allowed).',
  'email.transcripts': 'Visitors may ask for the transcript of a conversation by email.',
  'email.digest':
    'Email digest of unanswered conversations to agents who opted in, while they are not online.',
  'email.digest.enabled': 'Send digests to agents who opted in (`POST /v1/agent/email-digest`).',
  'email.digest.everyMinutes': 'At most one digest per agent this often, in minutes (fractions allowed).',
  'email.weeklySummary':
    "The weekly quality summary by email to the site's managers and admins, once a week for the last complete week (Monday to Monday), at `weekday` and `hour` in the site's time zone (`timeZone`).",
  'email.weeklySummary.enabled': 'Send the weekly summary.',
  'email.weeklySummary.weekday': 'Day of the week it is sent: 1 Monday … 7 Sunday.',
  'email.weeklySummary.hour': 'Hour of that day it is sent from, 0–23.',
  proactive:
    'Proactive messages (docs/proactive.md): shown by the widget in a bubble above the launcher when their trigger holds; a reply starts a conversation with the message first.',
  'proactive[].id':
    'Stable, unique id (a-z, 0-9, -), used by `showMessage`, the stats and the stored conversation.',
  'proactive[].enabled': 'Switch the message off without deleting it.',
  'proactive[].trigger':
    'When it shows: every condition given must hold. Empty: on any page once the widget loaded.',
  'proactive[].trigger.url':
    'Page URL pattern matched against the whole address, case-insensitively; `*` stands for any characters.',
  'proactive[].trigger.timeOnPage': 'Seconds the visitor has been on the page.',
  'proactive[].trigger.scrollDepth': 'Percent of the page the visitor scrolled down (1–100).',
  'proactive[].trigger.exitIntent':
    'Show when the mouse leaves the window through its top edge (desktop only, never on touch screens).',
  'proactive[].trigger.event':
    "Show after the page tracked this event (`Frontdesk('trackEvent', name, data)`), with conditions on its data.",
  'proactive[].trigger.event.name': 'The event name, as passed to `trackEvent`.',
  'proactive[].trigger.event.where': "Conditions on the event's data, all of which must hold.",
  'proactive[].trigger.event.where[].key':
    'The attribute (or event data) name to compare, e.g. `plan` or `total`.',
  'proactive[].trigger.event.where[].op':
    'How to compare: `equals` (default), `notEquals`, `contains`, `greaterThan`, `lessThan` (numbers), `exists`, `missing`.',
  'proactive[].trigger.event.where[].value':
    'The value compared with (a number for `greaterThan` and `lessThan`; none for `exists` and `missing`).',
  'proactive[].trigger.attributes': "Conditions on the visitor's attributes, all of which must hold.",
  'proactive[].trigger.attributes[].key':
    'The attribute (or event data) name to compare, e.g. `plan` or `total`.',
  'proactive[].trigger.attributes[].op':
    'How to compare: `equals` (default), `notEquals`, `contains`, `greaterThan`, `lessThan` (numbers), `exists`, `missing`.',
  'proactive[].trigger.attributes[].value':
    'The value compared with (a number for `greaterThan` and `lessThan`; none for `exists` and `missing`).',
  'proactive[].trigger.returning':
    '`true`: only visitors back for another visit; `false`: only first visits.',
  'proactive[].trigger.businessHours':
    '`open`: only during `businessHours`; `closed`: only outside them (needs `businessHours`).',
  'proactive[].from':
    'Who it is from: `{ agent: "Dana" }` shows and stores it as that agent; without `agent`, the bot.',
  'proactive[].from.agent': "The agent's display name; absent: the bot (`bot.name`).",
  'proactive[].from.avatarUrl': 'Avatar shown in the bubble.',
  'proactive[].text': 'The message per locale, at most 500 characters.',
  'proactive[].quickReplies': 'Up to four answer buttons, each per locale; a click sends its label.',
  'proactive[].caps': 'How often it may show; never while the panel is open or a conversation is active.',
  'proactive[].caps.oncePerVisitor': 'Show at most once to a visitor (on this device), ever.',
  'proactive[].caps.oncePerSession': 'Show at most once per browser session.',
  'proactive[].caps.maxPerDay': 'Show at most this many times per day (on this device).',
  quality:
    'Quality reviews: rubrics and the rules that sample resolved conversations for review (server-only; see docs/quality.md).',
  'quality.rubrics':
    'Rubrics reviewers score conversations against; a review keeps a copy of the criteria it used.',
  'quality.rubrics[].id': 'Stable id, kept in reviews, e.g. `chat`.',
  'quality.rubrics[].name': 'Name shown in the console.',
  'quality.rubrics[].criteria':
    'The criteria, in the order reviewers see them (ids unique within the rubric).',
  'quality.rubrics[].criteria[].id': 'Stable id, kept in reviews and QA scores, e.g. `empathy`.',
  'quality.rubrics[].criteria[].name': 'Name shown to reviewers and agents.',
  'quality.rubrics[].criteria[].description': 'What a reviewer looks for, shown beside the scale.',
  'quality.rubrics[].criteria[].scale': '`1-5` (1 worst, 5 best) or `pass-fail` (1 pass, 0 fail).',
  'quality.rubrics[].criteria[].weight':
    'Share of this criterion in the weighted total, relative to the others; 0 scores it without counting it.',
  'quality.rubrics[].criteria[].allowNotApplicable':
    'The reviewer may mark it "not applicable": it then drops out of the total.',
  'quality.rubrics[].criteria[].autoFail':
    'Failing it (fail, or 1 on a 1–5 scale) makes the review total 0, e.g. a privacy breach.',
  'quality.sampling':
    'Rules that put resolved conversations into the review queue, each once with every reason that matched.',
  'quality.sampling[].when':
    'What the rule picks: a `random` share, `lowCsat`, `notSolved` answers, `slowFirstResponse`, `escalated` (bot handed over or reopened), `newAgent`.',
  'quality.sampling[].share':
    '`random`: the share of resolved conversations to sample, 0 to 1 (required there).',
  'quality.sampling[].csatAtMost': '`lowCsat`: sample ratings of at most this CSAT (default 2).',
  'quality.sampling[].firstResponseOverMinutes':
    '`slowFirstResponse`: sample when the first reply came later than this many minutes (default 15).',
  'quality.sampling[].agentDaysUnder':
    '`newAgent`: sample conversations of agents whose account is younger than this many days (default 30).',
  'quality.sampling[].rubric': 'Rubric to review with; default the first rubric.',
  notifications:
    "How the widget tells a visitor about a team message while the panel is closed: once across the visitor's tabs, never when they muted it in the panel.",
  'notifications.sound': 'Play a short tone (generated in the browser, no file is fetched).',
  'notifications.titleBadge':
    'Prefix the page title with the unread count, e.g. `(1) Shop`, until the panel opens or the message is read.',
};
