import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ArticleInputSchema, type Category, CategorySchema, check } from '@frontdesk/protocol';
import { type ArticleFile, articlesFromFiles, articleToFiles } from '../../articleFiles';
import { flag } from '../args';
import type { Command } from '../command';
import { CliError, EXIT } from '../errors';

/** Help-center categories travel with the articles in this file of the folder. */
const CATEGORIES_FILE = 'categories.json';

function markdownFiles(root: string, dir = root): ArticleFile[] {
  const out: ArticleFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) out.push(...markdownFiles(root, file));
    else if (name.endsWith('.md')) out.push({ path: relative(root, file), text: readFileSync(file, 'utf8') });
  }
  return out;
}

export const articlesImport: Command = {
  name: 'articles import',
  summary: 'Create or update help-center articles from markdown files (<locale>/<slug>.md, categories.json)',
  usage: 'frontdesk articles import <folder> [--dry-run]',
  flags: { 'dry-run': 'Check the files and list what would be imported, without importing' },
  async run(ctx) {
    const folder = ctx.args.positionals[0];
    if (!folder)
      throw new CliError('<folder>: expected a folder of markdown files, found nothing', EXIT.usage);
    const root = resolve(ctx.io.cwd, folder);
    let files: ArticleFile[];
    try {
      files = markdownFiles(root);
    } catch {
      throw new CliError(`${folder}: no such folder`, EXIT.invalid);
    }
    const { articles, problems } = articlesFromFiles(files);
    const categoriesFile = join(root, CATEGORIES_FILE);
    const categories: Category[] = [];
    if (existsSync(categoriesFile)) {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(categoriesFile, 'utf8'));
      } catch (error) {
        problems.push(`${CATEGORIES_FILE}: expected JSON, found a syntax error: ${(error as Error).message}`);
      }
      if (data !== undefined) {
        if (!Array.isArray(data))
          problems.push(`${CATEGORIES_FILE}: expected a list of categories, found something else`);
        else
          data.forEach((item, i) => {
            const result = check(CategorySchema, item, `${CATEGORIES_FILE}[${i}]`);
            if (result.ok) categories.push(result.value);
            else problems.push(...result.issues.map((issue) => issue.message));
          });
      }
    }
    for (const article of articles) {
      const result = check(ArticleInputSchema, article.input, article.id);
      if (!result.ok) problems.push(...result.issues.map((i) => i.message));
    }
    if (problems.length > 0)
      throw new CliError(
        `${folder}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
        EXIT.invalid,
        problems.map((message) => ({ path: '', expected: '', received: '', message })),
      );
    if (ctx.args.flags['dry-run'] !== true) {
      const api = await ctx.api();
      for (const category of categories) await api.upsertCategory(category);
      for (const article of articles) await api.upsertArticle(article.id, article.input);
    }
    for (const article of articles)
      ctx.say(
        `${ctx.args.flags['dry-run'] === true ? 'would import' : 'imported'} ${article.id} (${Object.keys(article.input.translations).join(', ')})`,
      );
    ctx.say(
      `${articles.length} article${articles.length === 1 ? '' : 's'} from ${files.length} file${files.length === 1 ? '' : 's'}.`,
    );
    ctx.result({
      imported: ctx.args.flags['dry-run'] === true ? [] : articles.map((a) => a.id),
      files: files.length,
    });
    return EXIT.ok;
  },
};

export const articlesExport: Command = {
  name: 'articles export',
  summary: 'Write every article as markdown files, one per locale',
  usage: 'frontdesk articles export [--out <folder>]',
  flags: { out: 'Folder to write into (default: articles)' },
  async run(ctx) {
    const out = flag(ctx.args, 'out') ?? 'articles';
    const root = resolve(ctx.io.cwd, out);
    const api = await ctx.api();
    const articles = await api.articles();
    const written: string[] = [];
    const categories = await api.categories();
    if (categories.length > 0) {
      mkdirSync(root, { recursive: true });
      writeFileSync(join(root, CATEGORIES_FILE), `${JSON.stringify(categories, null, 2)}\n`);
      written.push(join(out, CATEGORIES_FILE));
    }
    for (const article of articles)
      for (const file of articleToFiles(article)) {
        const target = join(root, file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.text);
        written.push(join(out, file.path));
      }
    ctx.say(
      `Wrote ${articles.length} article${articles.length === 1 ? '' : 's'} (${written.length} files) to ${out}.`,
    );
    ctx.result({ articles: articles.length, files: written });
    return EXIT.ok;
  },
};
