import { safeUrl } from '@frontdesk/protocol';
import type { Route } from '../route';
import { Availability } from './Availability';
import { Badge } from './Badge';
import { useWidget } from './context';
import { Icon } from './Icon';
import * as I from './icons';
import { lazy } from './lazy';
import { preview } from './preview';
import { track, useSignal } from './track';

const Tips = lazy(() => import('./Tips'));

/** Home: greeting, availability, the latest conversation, help search and every contact channel. */
export const Home = track(function Home() {
  const w = useWidget();
  const { t } = w.i18n;
  const config = w.config.value;
  const visitor = w.client.visitor.value;
  const conversations = w.client.conversations.value;
  const recent = conversations.at(-1);
  const query = useSignal('');
  const channels = config?.channels;
  const name = visitor?.name?.split(' ')[0];
  const custom = config?.greeting ? w.text(config.greeting) : '';
  // Without a name, the placeholder goes with the separator before it ("Hi, {name}!" → "Hi!").
  const greeting = custom
    ? custom.replace(name ? '{name}' : /[\s,，、،]*\{name\}/, name ?? '')
    : name
      ? t('home.greeting', { name })
      : t('home.greetingAnon');
  const forms = config?.forms ?? [];
  // Every way to reach the team: [icon, label, route, link, phone number].
  const rows: [string, string, Route | null, string?, string?][] = [];
  const email = channels?.email;
  const emailForm = forms.find((f) => f.id === email?.formId);
  const phone = channels?.phone;
  if (channels?.chat?.enabled !== false) rows.push([I.chat, t('channel.chat'), { v: 'thread', c: null }]);
  if (emailForm && email!.enabled)
    rows.push([I.mail, w.text(emailForm.title) || t('channel.email'), { v: 'form', id: emailForm.id }]);
  if (phone?.enabled && phone.number)
    rows.push([
      I.phone,
      t('channel.phone'),
      null,
      `tel:${phone.number.replace(/[^+\d]/g, '')}`,
      phone.number,
    ]);
  if (phone?.enabled && phone.callbackFormId)
    rows.push([I.phone, t('channel.callback'), { v: 'form', id: phone.callbackFormId }]);
  for (const f of forms)
    if (![email?.formId, phone?.callbackFormId, config?.preChatFormId].includes(f.id))
      rows.push([I.form, w.text(f.title), { v: 'form', id: f.id }]);
  // The config was validated, but a custom backend may serve anything: only safe URLs become links.
  for (const { network: n, url } of channels?.social ?? [])
    if (safeUrl(url)) rows.push([I.link, NETWORKS[n] ?? n[0]!.toUpperCase() + n.slice(1), null, url]);

  return (
    <div class="bd">
      <div class="hero">
        <h1 dir="auto">{greeting}</h1>
        {!custom && <p>{t('home.intro')}</p>}
      </div>
      <div class="card">
        <Availability />
      </div>
      {w.tips.value && <Tips />}
      {recent && (
        <div class="card">
          <h3>{t('home.recent')}</h3>
          <button type="button" class="row" onClick={() => w.go({ v: 'thread', c: recent.clientId })}>
            <Icon d={I.messages} />
            <span>
              <span class="t">{recent.subject || t('messages.untitled')}</span>
              <span class="s">{preview(w, recent)}</span>
            </span>
            <Badge n={recent.unread} />
          </button>
        </div>
      )}
      {config?.helpCenter?.enabled !== false && (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            w.go({ v: 'help', q: query.value });
          }}
        >
          <label class="lab" for="fd-home-q">
            {t('help.search')}
          </label>
          <div class="rw">
            <input
              id="fd-home-q"
              class="in"
              type="search"
              placeholder={t('help.placeholder')}
              value={query.value}
              onInput={(e) => (query.value = e.currentTarget.value)}
            />
            <button type="submit" class="btn" aria-label={t('help.search')}>
              <Icon d={I.search} />
            </button>
          </div>
        </form>
      )}
      <div class="card">
        <h3>{t('home.contact')}</h3>
        <ul>
          {rows.map(([icon, label, go, href, sub]) => (
            <li key={label}>
              {href ? (
                <a class="row" href={href} {...(sub ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
                  <Icon d={icon} />
                  <span>
                    <span class="t">{label}</span>
                    {sub && (
                      <span class="s" dir="ltr">
                        {sub}
                      </span>
                    )}
                  </span>
                </a>
              ) : (
                <button type="button" class="row" onClick={() => go && w.go(go)}>
                  <Icon d={icon} />
                  <span class="t" dir="auto">
                    {label}
                  </span>
                  <Icon d={I.next} cls="fl" />
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
});

// Networks whose name is not just capitalised (Messenger, Telegram, X… are).
const NETWORKS: Record<string, string> = { whatsapp: 'WhatsApp', linkedin: 'LinkedIn' };
