import EN_VIEWS from '../i18n/enViews';
import { useWidget } from './context';
import { track, useSignal } from './track';
import NextOpen from './Unavailable';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Outside business hours: the away message, when a reply will come, and (once) a request for an email. */
export default track(function Away() {
  const w = useWidget();
  w.i18n.add(EN_VIEWS);
  const { t } = w.i18n;
  const a = w.client.availability.value;
  const config = w.config.value;
  const email = useSignal('');
  const saved = useSignal('');
  const invalid = useSignal(false);
  if (!a || a.status === 'online') return null;
  const visitor = w.client.visitor.value;
  const known = visitor?.email ?? (visitor?.attributes.email as string | undefined);
  const ask = config?.away?.askEmail !== false && !known;
  const message = config?.away?.message ? w.text(config.away.message) : t('away.title');
  return (
    <div class="card" role="note">
      <p class="av">
        <span class="dot" aria-hidden="true" />
        <bdi>{message}</bdi>
      </p>
      {a.nextOpenAt && <NextOpen at={a.nextOpenAt} />}
      {saved.value ? (
        <p class="ok" role="status">
          {t('away.saved', { email: saved.value })}
        </p>
      ) : (
        ask && (
          <form
            class="fld"
            onSubmit={(e) => {
              e.preventDefault();
              const value = email.value.trim();
              invalid.value = !EMAIL.test(value);
              if (invalid.value) return;
              w.client
                .updateVisitor({ email: value })
                .then(() => (saved.value = value))
                .catch(() => (invalid.value = true));
            }}
          >
            <label for="fd-away-email">{t('away.askEmail')}</label>
            <div class="rw">
              <input
                id="fd-away-email"
                class="in"
                type="email"
                autocomplete="email"
                placeholder={t('away.email')}
                aria-invalid={invalid.value}
                aria-describedby={invalid.value ? 'fd-away-err' : undefined}
                value={email.value}
                onInput={(e) => (email.value = e.currentTarget.value)}
              />
              <button type="submit" class="btn">
                {t('away.save')}
              </button>
            </div>
            {invalid.value && (
              <p id="fd-away-err" class="er">
                {t('form.email')}
              </p>
            )}
          </form>
        )
      )}
    </div>
  );
});
