import { useEffect } from 'preact/hooks';
import EN_VIEWS from '../i18n/enViews';
import { useWidget } from './context';
import { Link, safeUrl } from './inline';
import { track } from './track';

/**
 * The consent prompt of a site that requires consent (`privacy.consentRequired`), shown in the chat until the
 * visitor answers. Messages written before that wait in memory (marked "Waiting for your consent") and are sent
 * the moment consent is given, here or by the site's own banner (`Frontdesk('consent', true)`). Lazy-loaded: only
 * such sites need it.
 */
export default track(function Consent({ waiting }: { waiting: boolean }) {
  const w = useWidget();
  w.i18n.add(EN_VIEWS);
  const { t } = w.i18n;
  const prompt = w.config.value?.privacy?.consentPrompt;
  const declined = w.client.consentState.value === 'denied';
  const policy = safeUrl(prompt?.policyUrl ?? '');
  // Nothing may be stored before consent, so a waiting message lives in this page only: leaving asks first.
  useEffect(() => {
    if (!waiting) return;
    const keep = (e: BeforeUnloadEvent) => e.preventDefault();
    addEventListener('beforeunload', keep);
    return () => removeEventListener('beforeunload', keep);
  }, [waiting]);
  const answer = (granted: boolean) => w.client.consent(granted).catch(() => {});
  return (
    <section class="card cn" aria-labelledby="fd-cn">
      <p id="fd-cn" dir="auto">
        {declined ? t('consent.declined') : prompt?.text ? w.text(prompt.text) : t('consent.text')}
        {policy && (
          <>
            {' '}
            <Link href={policy}>{t('consent.policy')}</Link>
          </>
        )}
      </p>
      <div class="rw">
        <button type="button" class="btn" onClick={() => answer(true)}>
          {prompt?.accept ? w.text(prompt.accept) : t('consent.accept')}
        </button>
        {!declined && (
          <button type="button" class="btn2" onClick={() => answer(false)}>
            {prompt?.decline ? w.text(prompt.decline) : t('consent.decline')}
          </button>
        )}
      </div>
    </section>
  );
});
