import type { Category, SearchHit } from '@frontdesk/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import EN_HELP from '../i18n/enHelp';
import { PAGE_CSS } from '../theme/pageStyles';
import { useWidget } from './context';
import { Icon } from './Icon';
import * as I from './icons';
import { track, useSignal } from './track';

/** A search snippet with its matches in `<mark>` (offsets from the server; text stays text). */
export function highlight(text: string, ranges: [number, number][]): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start) continue;
    out.push(text.slice(at, start), <mark>{text.slice(start, end)}</mark>);
    at = end;
  }
  out.push(text.slice(at));
  return out;
}

/** Help center: search as you type with highlighted matches, and topics. */
export default track(function Help({ q: query }: { q?: string | undefined }) {
  const w = useWidget();
  w.i18n.add(EN_HELP);
  w.style(PAGE_CSS);
  const { t, p } = w.i18n;
  const q = useSignal(query ?? '');
  const hits = useSignal<SearchHit[] | null>(null);
  const categories = useSignal<Category[]>([]);
  const busy = useSignal(false);
  const failed = useSignal(false);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  // A new search from the API (`Frontdesk('search', q)`) while Help is open.
  useEffect(() => {
    if (query !== undefined) q.value = query;
  }, [query]);
  useEffect(() => {
    input.current?.focus({ preventScroll: true });
    w.client
      .listCategories()
      .then((list) => (categories.value = [...list].sort((a, b) => a.order - b.order)))
      .catch(() => {});
  }, []);

  const locale = w.i18n.locale.value;
  useEffect(() => {
    const value = q.value.trim();
    const mine = ++seq.current;
    if (!value) {
      hits.value = null;
      busy.value = false;
      return;
    }
    busy.value = true;
    const timer = setTimeout(() => {
      w.client
        .search(value)
        .then((found) => {
          if (mine !== seq.current) return;
          hits.value = found;
          failed.value = false;
          w.emit('search', { query: value, results: found.length });
        })
        .catch(() => {
          if (mine === seq.current) failed.value = true;
        })
        .finally(() => {
          if (mine === seq.current) busy.value = false;
        });
    }, 180);
    return () => clearTimeout(timer);
  }, [q.value, locale]);

  const name = (c: Category) => w.text(c.names);
  return (
    <div class="bd">
      <form class="fld" onSubmit={(e) => e.preventDefault()}>
        <label class="lab" for="fd-help-q">
          {t('help.search')}
        </label>
        <input
          ref={input}
          id="fd-help-q"
          class="in"
          type="search"
          autocomplete="off"
          placeholder={t('help.placeholder')}
          value={q.value}
          onInput={(e) => (q.value = e.currentTarget.value)}
        />
      </form>
      <output class="mu">
        {busy.value && !hits.value
          ? t('help.loading')
          : hits.value
            ? hits.value.length
              ? p('help.results', hits.value.length)
              : t('help.noResults')
            : ''}
      </output>
      {failed.value && <p class="er">{t('error.generic')}</p>}
      {hits.value && hits.value.length > 0 && (
        <ul class="card">
          {hits.value.map((hit) => (
            <li key={hit.articleId}>
              <button type="button" class="row" onClick={() => w.go({ v: 'article', id: hit.articleId })}>
                <Icon d={I.form} />
                {/* The article's language, which may not be the widget's: its own direction. */}
                <span dir="auto">
                  <span class="t">{hit.title}</span>
                  <span class="s2">{highlight(hit.snippet, hit.highlights)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!hits.value && categories.value.length > 0 && (
        <div class="card">
          <h3>{t('help.categories')}</h3>
          <ul class="chips">
            {categories.value.map((c) => (
              <li key={c.id}>
                <button type="button" class="btn2" onClick={() => (q.value = name(c))}>
                  {name(c)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
});
