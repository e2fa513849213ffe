import { useSignal } from '@preact/signals';
import { Availability } from './Availability';
import { Badge } from './Badge';
import { useWidget } from './context';
import { I, Icon } from './icons';
import { preview } from './preview';

/** Home: greeting, availability, the latest conversation, help search and every contact channel. */
export function Home() {
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
  const greeting = custom
    ? custom.replace('{name}', name ?? '').replace(/\s+([,!.])/, '$1')
    : name
      ? t('home.greeting', { name })
      : t('home.greetingAnon');
  const forms = config?.forms ?? [];
  const formTitle = (id: string | undefined) => {
    const form = forms.find((f) => f.id === id);
    return form ? w.text(form.title) : undefined;
  };
  const helpOn = config?.helpCenter?.enabled !== false;

  return (
    <div class="bd">
      <div class="hero">
        <h1>{greeting}</h1>
        <p>{t('home.intro')}</p>
      </div>
      <div class="card">
        <Availability />
      </div>
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
      {helpOn && (
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
          {channels?.chat?.enabled !== false && (
            <li>
              <button type="button" class="row" onClick={() => w.go({ v: 'thread', c: null })}>
                <Icon d={I.chat} />
                <span class="t">{t('channel.chat')}</span>
                <Icon d={I.next} cls="fl" />
              </button>
            </li>
          )}
          {channels?.email?.enabled && channels.email.formId && (
            <li>
              <button
                type="button"
                class="row"
                onClick={() => w.go({ v: 'form', id: channels.email.formId! })}
              >
                <Icon d={I.mail} />
                <span class="t">{formTitle(channels.email.formId) ?? t('channel.email')}</span>
                <Icon d={I.next} cls="fl" />
              </button>
            </li>
          )}
          {channels?.phone?.enabled && channels.phone.number && (
            <li>
              <a class="row" href={`tel:${channels.phone.number.replace(/[^+\d]/g, '')}`}>
                <Icon d={I.phone} />
                <span>
                  <span class="t">{t('channel.phone')}</span>
                  <span class="s" dir="ltr">
                    {channels.phone.number}
                  </span>
                </span>
              </a>
            </li>
          )}
          {channels?.phone?.enabled && channels.phone.callbackFormId && (
            <li>
              <button
                type="button"
                class="row"
                onClick={() => w.go({ v: 'form', id: channels.phone.callbackFormId! })}
              >
                <Icon d={I.phone} />
                <span class="t">{t('channel.callback')}</span>
                <Icon d={I.next} cls="fl" />
              </button>
            </li>
          )}
          {forms
            .filter((f) => f.id !== channels?.email?.formId && f.id !== channels?.phone?.callbackFormId)
            .filter((f) => f.id !== config?.preChatFormId)
            .map((f) => (
              <li key={f.id}>
                <button type="button" class="row" onClick={() => w.go({ v: 'form', id: f.id })}>
                  <Icon d={I.form} />
                  <span class="t">{w.text(f.title)}</span>
                  <Icon d={I.next} cls="fl" />
                </button>
              </li>
            ))}
          {channels?.social?.map((s) => (
            <li key={s.url}>
              <a class="row" href={s.url} target="_blank" rel="noopener noreferrer">
                <Icon d={I.link} />
                <span class="t">{t('channel.social', { network: NETWORKS[s.network] ?? s.network })}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

const NETWORKS: Record<string, string> = {
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  telegram: 'Telegram',
  instagram: 'Instagram',
  x: 'X',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
};
