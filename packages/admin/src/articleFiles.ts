import type { Article, ArticleInput } from '@frontdesk/protocol';

/** One markdown file of an article in one locale: `<locale>/<slug>.md` with front matter. */
export interface ArticleFile {
  /** Path relative to the articles folder, e.g. `en/shipping-times.md`. */
  path: string;
  text: string;
}

/** Split `---\nkey: value\n---\nbody` into its fields and body. Values may be JSON-quoted strings. */
export function parseFrontMatter(text: string): { data: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { data: {}, body: text };
  const data: Record<string, string> = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!kv?.[1]) continue;
    let value = (kv[2] ?? '').trim();
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        // Not JSON after all: keep the text as written.
      }
    } else if (value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1).replace(/''/g, "'");
    data[kv[1]] = value;
  }
  return { data, body: text.slice(match[0].length) };
}

/** An article input with its id, ready for `PUT /v1/admin/articles/:id`. */
export interface ArticleUpsert {
  id: string;
  input: ArticleInput;
}

/**
 * Group markdown files into articles: files with the same `id` (or `slug`) are translations of one article.
 * The locale comes from front matter `locale` or the file's folder. Returns problems per file instead of throwing.
 */
export function articlesFromFiles(files: readonly ArticleFile[]): {
  articles: ArticleUpsert[];
  problems: string[];
} {
  const byId = new Map<string, ArticleUpsert>();
  const problems: string[] = [];
  for (const file of files) {
    const { data, body } = parseFrontMatter(file.text);
    const parts = file.path.split(/[\\/]/);
    const locale = data.locale ?? (parts.length > 1 ? parts.at(-2) : undefined);
    const slug = data.slug ?? parts.at(-1)?.replace(/\.md$/, '');
    if (!locale) {
      problems.push(
        `${file.path}: expected a locale (front matter "locale:" or a folder like en/), found nothing`,
      );
      continue;
    }
    if (!data.title) {
      problems.push(`${file.path}: expected a title (front matter "title:"), found nothing`);
      continue;
    }
    if (!slug) continue;
    const questions = parseQuestions(data.questions);
    if (questions === null) {
      problems.push(
        `${file.path}: expected questions as a list of strings like ["Where is my parcel?"], found ${data.questions}`,
      );
      continue;
    }
    const id = data.id ?? slug;
    const existing = byId.get(id);
    const status = data.status === 'published' ? 'published' : data.status === 'draft' ? 'draft' : undefined;
    const entry: ArticleUpsert = existing ?? {
      id,
      input: { slug, categoryId: data.category || null, translations: {} },
    };
    if (status) entry.input.status = status;
    entry.input.translations[locale] = {
      title: data.title,
      body,
      ...(questions.length > 0 ? { questions } : {}),
    };
    byId.set(id, entry);
  }
  return { articles: [...byId.values()], problems };
}

/** Front matter `questions: ["…", "…"]` (one line, a JSON / YAML flow list); null when it is not one. */
function parseQuestions(value: string | undefined): string[] | null {
  if (value === undefined || value === '') return [];
  try {
    const list: unknown = JSON.parse(value);
    if (Array.isArray(list) && list.every((q) => typeof q === 'string')) return list;
  } catch {
    // Reported by the caller with the file's path.
  }
  return null;
}

/** Write an article as one markdown file per locale (alternative questions in front matter `questions:`). */
export function articleToFiles(article: Article): ArticleFile[] {
  return Object.entries(article.translations).map(([locale, t]) => {
    const head = [
      '---',
      `id: ${JSON.stringify(article.id)}`,
      `slug: ${article.slug}`,
      `locale: ${locale}`,
      `title: ${JSON.stringify(t.title)}`,
      `status: ${article.status}`,
      ...(t.questions?.length ? [`questions: ${JSON.stringify(t.questions)}`] : []),
      ...(article.categoryId ? [`category: ${JSON.stringify(article.categoryId)}`] : []),
      '---',
    ];
    return { path: `${locale}/${article.slug}.md`, text: `${head.join('\n')}\n${t.body}` };
  });
}
