import type { Article, Category } from '@frontdesk/protocol';
import { ArticleInputSchema, check } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../session';
import { Markdown } from './Markdown';
import { Proposals } from './Proposals';

interface Draft {
  id: string;
  slug: string;
  categoryId: string | null;
  status: 'draft' | 'published';
  /** `questions` keeps blank lines while the admin types; they are dropped on save. */
  translations: Record<string, { title: string; body: string; questions?: string[] }>;
  isNew: boolean;
  /** When the saved draft of this published article was saved (it is what the editor shows). */
  pendingSince: string | null;
}

// A published article with a saved draft opens on the draft: that is where the admin left off.
const toDraft = (a: Article): Draft => ({
  id: a.id,
  slug: a.draft?.slug ?? a.slug,
  categoryId: a.draft ? a.draft.categoryId : a.categoryId,
  status: a.status,
  translations: structuredClone(a.draft?.translations ?? a.translations),
  isNew: false,
  pendingSince: a.draft?.updatedAt ?? null,
});

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 60) || 'article';

/** Help-center editor: articles per locale with a safe markdown preview, categories, publish or draft. */
export function HelpEditor() {
  const articles = useSignal<Article[]>([]);
  const categories = useSignal<Category[]>([]);
  const draft = useSignal<Draft | null>(null);
  const locale = useSignal('en');
  const message = useSignal('');
  const newLocale = useSignal('');
  const newCategory = useSignal('');

  const load = async () => {
    const [a, c] = await Promise.all([api.articles(), api.categories()]);
    articles.value = a;
    categories.value = [...c].sort((x, y) => x.order - y.order);
  };
  useEffect(() => {
    void load().catch((e: Error) => (message.value = `Could not load: ${e.message}`));
  }, []);

  const d = draft.value;
  const t = d?.translations[locale.value] ?? { title: '', body: '' };
  const edit = (change: Partial<Draft>) => {
    if (draft.value) draft.value = { ...draft.value, ...change };
  };
  const editText = (change: Partial<{ title: string; body: string; questions: string[] }>) => {
    if (!draft.value) return;
    edit({ translations: { ...draft.value.translations, [locale.value]: { ...t, ...change } } });
  };
  const save = async (status?: 'draft' | 'published') => {
    if (!d) return;
    const input = {
      slug: d.slug,
      categoryId: d.categoryId,
      status: status ?? d.status,
      translations: Object.fromEntries(
        Object.entries(d.translations).map(([l, { questions, ...rest }]) => {
          const kept = (questions ?? []).map((q) => q.trim()).filter(Boolean);
          return [l, kept.length > 0 ? { ...rest, questions: kept } : rest];
        }),
      ),
    };
    const result = check(ArticleInputSchema, input);
    if (!result.ok) {
      message.value = result.issues.map((i) => i.message).join('; ');
      return;
    }
    try {
      const saved = await api.saveArticle(d.id, result.value);
      // The admin may have opened another article, or kept typing, while it saved: that stays on screen.
      if (draft.value === d) draft.value = toDraft(saved);
      else if (draft.value?.id === d.id)
        draft.value = {
          ...draft.value,
          status: saved.status,
          isNew: false,
          pendingSince: saved.draft?.updatedAt ?? null,
        };
      message.value = saved.draft
        ? 'Draft saved. The published version stays live until you publish.'
        : `Saved (${saved.status}).`;
      await load();
    } catch (e) {
      message.value = `Not saved: ${(e as Error).message}`;
    }
  };
  const unpublish = async () => {
    if (!d || d.isNew) return;
    try {
      const saved = await api.unpublishArticle(d.id);
      if (draft.value?.id === d.id) draft.value = { ...draft.value, status: saved.status };
      message.value = 'Unpublished: visitors and search no longer see it.';
      await load();
    } catch (e) {
      message.value = `Not unpublished: ${(e as Error).message}`;
    }
  };
  const addCategory = async () => {
    const name = newCategory.value.trim();
    if (!name) return;
    const slug = slugify(name);
    await api.saveCategory(slug, { slug, names: { [locale.value]: name }, order: categories.value.length });
    newCategory.value = '';
    await load();
  };
  const locales = d ? Object.keys(d.translations) : [];
  const pick = (a: Article) => {
    draft.value = toDraft(a);
    message.value = '';
    if (!a.translations[locale.value]) locale.value = Object.keys(a.translations)[0] ?? 'en';
  };

  return (
    <main class="page help-editor">
      <aside class="article-list" aria-label="Articles">
        <div class="list-head">
          <h1>Help center</h1>
          <button
            type="button"
            class="primary"
            onClick={() => {
              const id = `a-${Date.now().toString(36)}`;
              draft.value = {
                id,
                slug: 'new-article',
                categoryId: null,
                status: 'draft',
                translations: { [locale.value]: { title: 'New article', body: '' } },
                isNew: true,
                pendingSince: null,
              };
            }}
          >
            New article
          </button>
        </div>
        {categories.value.map((cat) => (
          <section key={cat.id}>
            <h2>{cat.names[locale.value] ?? Object.values(cat.names)[0]}</h2>
            <ArticleLinks
              items={articles.value.filter((a) => a.categoryId === cat.id)}
              locale={locale.value}
              current={d?.id}
              onPick={pick}
            />
          </section>
        ))}
        <section>
          <h2>Uncategorised</h2>
          <ArticleLinks
            items={articles.value.filter((a) => !categories.value.some((c) => c.id === a.categoryId))}
            locale={locale.value}
            current={d?.id}
            onPick={pick}
          />
        </section>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addCategory();
          }}
        >
          <label>
            New category
            <input value={newCategory.value} onInput={(e) => (newCategory.value = e.currentTarget.value)} />
          </label>
          <button type="submit">Add</button>
        </form>
      </aside>
      {d ? (
        <section class="article-edit" aria-label="Article">
          <div class="edit-head">
            <div role="tablist" aria-label="Locale" class="segmented">
              {locales.map((l) => (
                <button
                  type="button"
                  role="tab"
                  key={l}
                  aria-selected={l === locale.value}
                  onClick={() => (locale.value = l)}
                >
                  {l}
                </button>
              ))}
            </div>
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                const l = newLocale.value.trim();
                if (!l || !draft.value) return;
                edit({ translations: { ...draft.value.translations, [l]: { title: t.title, body: '' } } });
                locale.value = l;
                newLocale.value = '';
              }}
            >
              <input
                aria-label="Add a locale"
                placeholder="add locale, e.g. cs"
                size={12}
                value={newLocale.value}
                onInput={(e) => (newLocale.value = e.currentTarget.value)}
              />
              <button type="submit">Add translation</button>
            </form>
            <span class={`badge ${d.status}`}>{d.status}</span>
            {d.pendingSince && <span class="badge draft">draft pending</span>}
          </div>
          {d.pendingSince && (
            <p class="draft-note" role="note">
              Editing a draft saved {new Date(d.pendingSince).toLocaleString()}. Visitors see the published
              version until you publish.
            </p>
          )}
          <div class="fields">
            <label>
              Title
              <input
                value={t.title}
                onInput={(e) => {
                  editText({ title: e.currentTarget.value });
                  if (d.isNew) edit({ slug: slugify(e.currentTarget.value) });
                }}
              />
            </label>
            <label>
              Slug
              <input value={d.slug} onInput={(e) => edit({ slug: e.currentTarget.value })} />
            </label>
            <label>
              Category
              <select
                value={d.categoryId ?? ''}
                onChange={(e) => edit({ categoryId: e.currentTarget.value || null })}
              >
                <option value="">None</option>
                {categories.value.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.names[locale.value] ?? Object.values(c.names)[0]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div class="split">
            <label class="body-editor">
              Markdown
              <textarea value={t.body} onInput={(e) => editText({ body: e.currentTarget.value })} rows={18} />
            </label>
            <section class="article-preview" aria-label="Preview">
              <p class="preview-label">Preview</p>
              <h1>{t.title}</h1>
              <Markdown source={t.body} />
            </section>
          </div>
          <label class="questions-editor">
            Alternative questions (one per line: other ways visitors ask what this article answers)
            <textarea
              value={(t.questions ?? []).join('\n')}
              onInput={(e) => editText({ questions: e.currentTarget.value.split('\n') })}
              rows={4}
            />
          </label>
          {!d.isNew && (
            <Proposals
              articleId={d.id}
              onAccepted={(l, question) => {
                const current = draft.value?.translations[l];
                if (!draft.value || !current || (current.questions ?? []).includes(question)) return;
                const questions = [...(current.questions ?? []).filter((q) => q.trim()), question];
                edit({ translations: { ...draft.value.translations, [l]: { ...current, questions } } });
              }}
            />
          )}
          <div class="edit-actions">
            <button type="button" onClick={() => void save('draft')}>
              Save draft
            </button>
            <button type="button" class="primary" onClick={() => void save('published')}>
              Publish
            </button>
            {!d.isNew && d.status === 'published' && (
              <button type="button" onClick={() => void unpublish()}>
                Unpublish
              </button>
            )}
            <p role="status" class="muted">
              {message.value}
            </p>
          </div>
        </section>
      ) : (
        <section class="article-edit placeholder">
          <p>{message.value || 'Pick an article or create a new one.'}</p>
        </section>
      )}
    </main>
  );
}

function ArticleLinks(props: {
  items: Article[];
  locale: string;
  current: string | undefined;
  onPick(a: Article): void;
}) {
  if (props.items.length === 0) return <p class="muted">No articles.</p>;
  return (
    <ul>
      {props.items.map((a) => (
        <li key={a.id}>
          <button
            type="button"
            class="link"
            aria-current={props.current === a.id ? 'true' : undefined}
            onClick={() => props.onPick(a)}
          >
            {a.translations[props.locale]?.title ?? Object.values(a.translations)[0]?.title}
            {a.status === 'draft' && <span class="badge draft"> draft</span>}
            {a.draft && <span class="badge draft"> draft pending</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
