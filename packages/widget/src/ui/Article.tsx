import type { Article as ArticleData } from '@frontdesk/protocol';
import { useEffect } from 'preact/hooks';
import EN_VIEWS from '../i18n/enViews';
import { PAGE_CSS } from '../theme/pageStyles';
import { useWidget } from './context';
import { formatDate } from './format';
import { Icon } from './Icon';
import * as I from './icons';
import { markdown } from './markdown';
import { track, useSignal } from './track';

/** A help article with "did this help?" and a way to reach a person. Lazy-loaded. */
export default track(function Article({ id }: { id: string }) {
  const w = useWidget();
  w.i18n.add(EN_VIEWS);
  w.style(PAGE_CSS);
  const { t } = w.i18n;
  const article = useSignal<ArticleData | null>(null);
  const failed = useSignal(false);
  const voted = useSignal<boolean | null>(null);
  const locale = w.i18n.locale.value;

  useEffect(() => {
    w.client
      .getArticle(id)
      .then((a) => {
        article.value = a;
        w.emit('articleViewed', { articleId: id });
      })
      .catch(() => (failed.value = true));
  }, [id]);

  const a = article.value;
  // The visitor's language, else the site's default, else English, else any: never a random one.
  const lang =
    a &&
    [locale, w.config.value?.locales?.default ?? 'en', 'en', ...Object.keys(a.translations)].find(
      (l) => a.translations[l],
    );
  const tr = lang && a?.translations[lang];
  const vote = (helpful: boolean) => {
    voted.value = helpful;
    w.client.articleFeedback(id, helpful).catch(() => {});
  };
  return (
    <div class="bd">
      {failed.value && <p class="er">{t('error.generic')}</p>}
      {!a && !failed.value && <p class="mu">{t('help.loading')}</p>}
      {tr && a && (
        <article class="ar" lang={lang!} dir="auto">
          <h1>{tr.title}</h1>
          <p class="mu">{t('article.updated', { date: formatDate(w.i18n.tag.value, a.updatedAt) })}</p>
          {markdown(tr.body)}
        </article>
      )}
      {a && (
        <div class="card">
          {voted.value === null ? (
            <fieldset class="fb">
              <legend class="lab">{t('article.helpful')}</legend>
              <button type="button" class="btn2" onClick={() => vote(true)}>
                {t('article.yes')}
              </button>
              <button type="button" class="btn2" onClick={() => vote(false)}>
                {t('article.no')}
              </button>
            </fieldset>
          ) : (
            <p class="ok" role="status">
              {t('article.thanks')}
            </p>
          )}
          <button type="button" class="row" onClick={() => w.go({ v: 'thread', c: null })}>
            <Icon d={I.chat} />
            <span class="t">{t('article.contact')}</span>
          </button>
        </div>
      )}
    </div>
  );
});
