// Articles the site suggests for this page (`Frontdesk('suggest', …)`), on Home and above a new message's box.
// A lazy chunk: most pages suggest nothing.
import { useEffect } from 'preact/hooks';
import EN_VIEWS from '../i18n/enViews';
import { useWidget } from './context';
import { Icon } from './Icon';
import * as I from './icons';
import { track, useSignal } from './track';

type Tip = { id: string; title: string };

/** Titles of the suggested articles: ids are looked up (unknown ones left out), a query is searched. */
async function load(w: ReturnType<typeof useWidget>, tips: string[] | string): Promise<Tip[]> {
  if (typeof tips === 'string')
    return (await w.client.search(tips)).slice(0, 3).map((h) => ({ id: h.articleId, title: h.title }));
  const found = await Promise.all(tips.map((id) => w.client.getArticle(id).catch(() => null)));
  // The title in the visitor's language, else the site's default, else any (as the article view picks).
  const langs = [w.i18n.locale.value, w.config.value?.locales?.default ?? 'en', 'en'];
  return found.flatMap((a) => {
    const tr = a && (langs.map((l) => a.translations[l]).find(Boolean) ?? Object.values(a.translations)[0]);
    return a && tr ? [{ id: a.id, title: tr.title }] : [];
  });
}

export default track(function Tips() {
  const w = useWidget();
  w.i18n.add(EN_VIEWS);
  const { t } = w.i18n;
  const tips = w.tips.value;
  const list = useSignal<Tip[]>([]);
  useEffect(() => {
    let live = true;
    list.value = [];
    if (tips)
      load(w, tips)
        .catch(() => [])
        .then((found) => {
          if (live) list.value = found;
        });
    return () => {
      live = false;
    };
  }, [tips]);
  if (!list.value.length) return null;
  return (
    <div class="card">
      <h3>{t('tips.title')}</h3>
      <ul>
        {list.value.map((tip) => (
          <li key={tip.id}>
            <button type="button" class="row" onClick={() => w.go({ v: 'article', id: tip.id })}>
              <Icon d={I.help} />
              <span class="t" dir="auto">
                {tip.title}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
});
