import type { Article as ArticleData } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useWidget } from './context';
import { I, Icon } from './icons';
import { markdown } from './markdown';

/** A help article with "did this help?" and a way to reach a person. Lazy-loaded. */
export default function Article({ id }: { id: string }) {
  const w = useWidget();
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
  const tr =
    a &&
    (a.translations[locale] ?? a.translations[locale.split('-')[0]!] ?? Object.values(a.translations)[0]);
  const vote = (helpful: boolean) => {
    voted.value = helpful;
    w.client.articleFeedback(id, helpful).catch(() => {});
  };
  return (
    <div class="bd">
      {failed.value && <p class="er">{t('error.generic')}</p>}
      {!a && !failed.value && <p class="mu">{t('help.loading')}</p>}
      {tr && a && (
        <article class="ar">
          <h1>{tr.title}</h1>
          <p class="mu">{t('article.updated', { date: w.i18n.date(a.updatedAt) })}</p>
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
}
