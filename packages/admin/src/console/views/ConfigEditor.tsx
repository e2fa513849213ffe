import { memoryBackend } from '@frontdesk/client/memory';
import type { ConfigVersion, Issue, SiteConfigInput } from '@frontdesk/protocol';
import { check, SiteConfigSchema } from '@frontdesk/protocol';
import { type MountedWidget, mountWidget } from '@frontdesk/widget/embed';
import { TEXT_KEYS } from '@frontdesk/widget/texts';
import { useComputed, useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { diffConfig, formatDiff } from '../../configDiff';
import { CONFIG_DOCS } from '../../configDocs';
import { validateSiteConfig } from '../../validateSiteConfig';
import { api } from '../session';
import { RefusedOrigins } from './RefusedOrigins';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function get(config: unknown, path: string): unknown {
  let value = config;
  for (const key of path.split('.')) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function setPath(config: Json, path: string, value: unknown): Json {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const copy = { ...config };
  if (rest.length === 0) {
    if (value === undefined || value === '') delete copy[key];
    else copy[key] = value;
  } else copy[key] = setPath(isRecord(copy[key]) ? (copy[key] as Json) : {}, rest.join('.'), value);
  return copy;
}

const normalize = (config: unknown) => {
  const result = check(SiteConfigSchema, config);
  return result.ok ? result.value : config;
};

/** Config editor: a form for common settings, a validated raw JSON editor, the real widget as preview. */
export function ConfigEditor() {
  const draft = useSignal<Json>({});
  const raw = useSignal('');
  const rawError = useSignal('');
  const published = useSignal<{ version: number; config: Json } | null>(null);
  const versions = useSignal<ConfigVersion[]>([]);
  const status = useSignal('');
  const confirming = useSignal(false);
  // No form before the published config is here: edits made earlier would be overwritten when it arrives.
  const loaded = useSignal(false);
  const report = useComputed(() => validateSiteConfig(draft.value, { textKeys: TEXT_KEYS }));
  const changes = useComputed(() =>
    report.value.config
      ? diffConfig(published.value ? normalize(published.value.config) : {}, report.value.config)
      : [],
  );

  const load = async () => {
    try {
      const state = await api.currentConfig();
      published.value = { version: state.version, config: state.config };
      replace(state.config);
    } catch (e) {
      if ((e as { status?: number }).status !== 404)
        status.value = `Could not load the config: ${(e as Error).message}`;
      replace({ name: 'My site' });
    }
    loaded.value = true;
    versions.value = [...(await api.versions().catch(() => []))].sort((a, b) => b.version - a.version);
  };
  const replace = (config: Json) => {
    draft.value = config;
    raw.value = JSON.stringify(config, null, 2);
    rawError.value = '';
  };
  useEffect(() => {
    void load();
  }, []);

  const field = (path: string, value: unknown) => {
    const next = setPath(draft.value, path, value);
    replace(next);
  };
  const defaultLocale = String(get(draft.value, 'locales.default') ?? 'en');

  const publish = async () => {
    if (!report.value.ok) return;
    try {
      const state = await api.pushConfig(report.value.migrated);
      published.value = { version: state.version, config: state.config };
      status.value = `Published version ${state.version}.`;
      confirming.value = false;
      versions.value = [...(await api.versions().catch(() => []))].sort((a, b) => b.version - a.version);
    } catch (e) {
      status.value = `Not published: ${(e as Error).message}`;
    }
  };
  const rollback = async (version: number) => {
    try {
      const state = await api.rollback(version);
      status.value = `Rolled back: version ${state.version} has the config of version ${version}.`;
      await load();
    } catch (e) {
      status.value = `Rollback failed: ${(e as Error).message}`;
    }
  };

  const issuesAt = (path: string) =>
    report.value.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));

  if (!loaded.value)
    return (
      <main class="page config-editor">
        <h1>Site config</h1>
        <p class="muted" role="status">
          Loading the config…
        </p>
      </main>
    );
  return (
    <main class="page config-editor">
      <div class="config-main">
        <div class="list-head">
          <h1>Site config</h1>
          <span class="muted">
            {published.value ? `Published: version ${published.value.version}` : 'Nothing published yet'}
          </span>
        </div>
        <RefusedOrigins
          onPublished={(state, origin) => {
            published.value = { version: state.version, config: state.config };
            // The form gets the origin too, so publishing it later does not take the permission back.
            const allowed = (get(draft.value, 'allowedOrigins') as string[] | undefined) ?? [];
            if (!allowed.includes(origin)) field('allowedOrigins', [...allowed, origin]);
            void api
              .versions()
              .then((list) => (versions.value = [...list].sort((a, b) => b.version - a.version)));
          }}
        />
        <form class="config-form" onSubmit={(e) => e.preventDefault()} aria-label="Common settings">
          <Field label="Site name" path="name" issues={issuesAt('name')}>
            <input
              value={String(get(draft.value, 'name') ?? '')}
              onInput={(e) => field('name', e.currentTarget.value)}
            />
          </Field>
          <Field label="Brand colour" path="theme.brandColor" issues={issuesAt('theme.brandColor')}>
            <span class="color-input">
              <input
                type="color"
                aria-label="Brand colour picker"
                value={
                  /^#[0-9a-f]{6}$/i.test(String(get(draft.value, 'theme.brandColor')))
                    ? String(get(draft.value, 'theme.brandColor'))
                    : '#2557d6'
                }
                onInput={(e) => field('theme.brandColor', e.currentTarget.value)}
              />
              <input
                aria-label="Brand colour"
                name="brandColor"
                value={String(get(draft.value, 'theme.brandColor') ?? '')}
                placeholder="#2557d6"
                onInput={(e) => field('theme.brandColor', e.currentTarget.value)}
              />
            </span>
          </Field>
          <Field label={`Greeting (${defaultLocale})`} path="greeting" issues={issuesAt('greeting')}>
            <input
              name="greeting"
              value={String(
                get(draft.value, `greeting`) && (get(draft.value, 'greeting') as Json)[defaultLocale]
                  ? (get(draft.value, 'greeting') as Json)[defaultLocale]
                  : '',
              )}
              onInput={(e) =>
                field('greeting', {
                  ...((get(draft.value, 'greeting') as Json) ?? {}),
                  [defaultLocale]: e.currentTarget.value,
                })
              }
            />
          </Field>
          <Field label="Colour scheme" path="theme.mode" issues={issuesAt('theme.mode')}>
            <select
              value={String(get(draft.value, 'theme.mode') ?? 'auto')}
              onChange={(e) => field('theme.mode', e.currentTarget.value)}
            >
              <option value="auto">Follow the visitor's system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </Field>
          <Field label="Launcher position" path="theme.position" issues={issuesAt('theme.position')}>
            <select
              value={String(get(draft.value, 'theme.position') ?? 'right')}
              onChange={(e) => field('theme.position', e.currentTarget.value)}
            >
              <option value="right">Bottom right</option>
              <option value="left">Bottom left</option>
            </select>
          </Field>
          <Field
            label="Enabled locales (comma-separated)"
            path="locales.enabled"
            issues={issuesAt('locales')}
          >
            <input
              value={((get(draft.value, 'locales.enabled') as string[] | undefined) ?? ['en']).join(', ')}
              onChange={(e) =>
                field(
                  'locales.enabled',
                  e.currentTarget.value
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                )
              }
            />
          </Field>
          <Field
            label="Typical reply time (minutes)"
            path="expectedReplyMinutes"
            issues={issuesAt('expectedReplyMinutes')}
          >
            <input
              type="number"
              min={0}
              value={String(get(draft.value, 'expectedReplyMinutes') ?? 5)}
              onInput={(e) =>
                field(
                  'expectedReplyMinutes',
                  e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value),
                )
              }
            />
          </Field>
          <Field label={`Away message (${defaultLocale})`} path="away.message" issues={issuesAt('away')}>
            <input
              value={String((get(draft.value, 'away.message') as Json | undefined)?.[defaultLocale] ?? '')}
              onInput={(e) =>
                field(
                  'away.message',
                  e.currentTarget.value
                    ? {
                        ...((get(draft.value, 'away.message') as Json) ?? {}),
                        [defaultLocale]: e.currentTarget.value,
                      }
                    : undefined,
                )
              }
            />
          </Field>
          <HoursFields
            config={draft.value}
            onChange={(hours) => field('businessHours', hours)}
            issuesAt={issuesAt}
          />
          <fieldset>
            <legend>Channels and features</legend>
            {(
              [
                ['channels.chat.enabled', 'Live chat', true],
                ['channels.email.enabled', 'Email / ticket form', false],
                ['channels.phone.enabled', 'Phone', false],
                ['helpCenter.enabled', 'Help center', true],
                ['bot.enabled', 'Answer bot (answers from the help center, hands over to a person)', false],
                ['rating.csat', 'Ask for a satisfaction rating', true],
                ['privacy.consentRequired', 'Require consent before connecting', false],
              ] as const
            ).map(([path, label, fallback]) => (
              <label class="check" key={path}>
                <input
                  type="checkbox"
                  checked={Boolean(get(draft.value, path) ?? fallback)}
                  onChange={(e) => field(path, e.currentTarget.checked)}
                />
                {label}
              </label>
            ))}
          </fieldset>
        </form>
        <details class="raw" open>
          <summary>Raw config (JSON)</summary>
          <textarea
            aria-label="Raw config (JSON)"
            spellcheck={false}
            value={raw.value}
            rows={16}
            onInput={(e) => {
              raw.value = e.currentTarget.value;
              try {
                const parsed = JSON.parse(raw.value) as unknown;
                rawError.value = isRecord(parsed) ? '' : 'expected a JSON object';
                if (isRecord(parsed)) draft.value = parsed;
              } catch (err) {
                rawError.value = `Not valid JSON: ${(err as Error).message}`;
              }
            }}
          />
        </details>
        <section aria-label="Problems" class="issues" aria-live="polite">
          {rawError.value ? (
            <p class="error">{rawError.value}</p>
          ) : report.value.ok ? (
            <p class="ok">The config is valid.</p>
          ) : (
            <ul>
              {report.value.issues.map((i) => (
                <li key={i.message} class="error">
                  {i.message}
                </li>
              ))}
            </ul>
          )}
          {report.value.notes.length > 0 && <p class="muted">Migrated: {report.value.notes.join('; ')}</p>}
          {report.value.warnings.length > 0 && (
            <details>
              <summary>
                {report.value.warnings.length} missing translation
                {report.value.warnings.length === 1 ? '' : 's'}
              </summary>
              <ul>
                {report.value.warnings.map((i) => (
                  <li key={i.message} class="muted">
                    {i.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
        <div class="edit-actions">
          <button type="button" onClick={() => void load()}>
            Discard changes
          </button>
          <button
            type="button"
            class="primary"
            disabled={!report.value.ok || !!rawError.value || changes.value.length === 0}
            onClick={() => (confirming.value = true)}
          >
            Publish…
          </button>
          <p role="status" class="muted">
            {status.value}
          </p>
        </div>
        {confirming.value && (
          <div class="card confirm" role="dialog" aria-label="Publish these changes?">
            <h2>Publish these changes?</h2>
            <pre class="diff">{formatDiff(changes.value)}</pre>
            <button type="button" onClick={() => (confirming.value = false)}>
              Cancel
            </button>
            <button type="button" class="primary" onClick={() => void publish()}>
              Publish
            </button>
          </div>
        )}
        <section aria-label="Versions" class="versions">
          <h2>Versions</h2>
          <ul>
            {versions.value.map((v) => (
              <li key={v.version}>
                <span>
                  <strong>v{v.version}</strong> {new Date(v.createdAt).toLocaleString()} {v.author ?? ''}{' '}
                  {v.note ?? ''}
                </span>
                {v.version !== published.value?.version && (
                  <button type="button" onClick={() => void rollback(v.version)}>
                    Roll back to v{v.version}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <Preview
        config={report.value.ok ? (draft.value as SiteConfigInput) : null}
        locales={report.value.config?.locales.enabled ?? [defaultLocale]}
        defaultLocale={defaultLocale}
      />
    </main>
  );
}

function Field(props: { label: string; path: string; issues: Issue[]; children: ComponentChildren }) {
  const id = `issues-${props.path.replace(/\W/g, '-')}`;
  return (
    <div class={`field ${props.issues.length ? 'invalid' : ''}`}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children */}
      <label title={CONFIG_DOCS[props.path]}>
        {props.label}
        {props.children}
      </label>
      {props.issues.length > 0 && (
        <p class="error" id={id}>
          {props.issues.map((i) => i.message).join(' ')}
        </p>
      )}
    </div>
  );
}

/** The real widget, mounted over an in-memory backend, showing the draft config as it is edited. */
function Preview(props: {
  config: SiteConfigInput | null;
  locales: readonly string[];
  defaultLocale: string;
}) {
  const { config } = props;
  const chosen = useSignal<string | null>(null);
  // What the preview shows: the open panel, or one proactive message's bubble above the closed launcher.
  const shown = useSignal('panel');
  const proactiveIds = (config?.proactive ?? []).map((m) => m.id);
  const bubble = proactiveIds.includes(shown.value) ? shown.value : null;
  const locale = chosen.value && props.locales.includes(chosen.value) ? chosen.value : props.defaultLocale;
  const host = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedWidget | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const root = host.current;
    mounted.current = mountWidget(root, {
      backend: memoryBackend({ agent: false }),
      ...(config ? { config } : {}),
      locale,
      open: true,
    });
    return () => {
      mounted.current?.destroy();
      mounted.current = null;
      root.replaceChildren();
    };
  }, []);
  useEffect(() => {
    if (config) mounted.current?.update(config);
    const m = mounted.current;
    if (!m) return;
    if (bubble) {
      m.close();
      m.showMessage({ id: bubble });
    } else {
      m.showMessage(null);
      m.open();
    }
  }, [config, bubble]);
  useEffect(() => {
    mounted.current?.setLocale(locale);
  }, [locale]);
  return (
    <aside class="preview-pane" aria-label="Widget preview">
      <div class="preview-head">
        <p class="preview-label">Live preview {config ? '' : '(showing the last valid config)'}</p>
        {proactiveIds.length > 0 && (
          <label class="inline">
            <span class="visually-hidden">Preview what</span>
            <select value={bubble ?? 'panel'} onChange={(e) => (shown.value = e.currentTarget.value)}>
              <option value="panel">Panel</option>
              {proactiveIds.map((id) => (
                <option key={id} value={id}>
                  Proactive: {id}
                </option>
              ))}
            </select>
          </label>
        )}
        {props.locales.length > 1 && (
          <label class="inline">
            <span class="visually-hidden">Preview language</span>
            <select value={locale} onChange={(e) => (chosen.value = e.currentTarget.value)}>
              {props.locales.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div class="widget-host" ref={host} data-testid="widget-preview" />
    </aside>
  );
}

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;

/** "09:00-12:00, 13:00-17:00" ⇄ [["09:00", "12:00"], ["13:00", "17:00"]]; validation reports what does not fit. */
const formatDay = (intervals: unknown) =>
  Array.isArray(intervals)
    ? intervals.map((pair) => (Array.isArray(pair) ? pair.join('-') : String(pair))).join(', ')
    : '';
const parseDay = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.split(/\s*[-–]\s*/));

/** Business hours: on or off, time zone, open intervals per weekday, holidays. */
function HoursFields(props: {
  config: Json;
  onChange(hours: Json | undefined): void;
  issuesAt(path: string): Issue[];
}) {
  const hours = isRecord(props.config.businessHours) ? props.config.businessHours : undefined;
  const week = hours && isRecord(hours.week) ? hours.week : {};
  const set = (key: string, value: unknown) => props.onChange(setPath(hours ?? {}, key, value));
  return (
    <fieldset class="hours-fields">
      <legend>Business hours</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={!!hours}
          onChange={(e) =>
            props.onChange(
              e.currentTarget.checked
                ? {
                    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
                    week: Object.fromEntries(DAYS.slice(0, 5).map(([d]) => [d, [['09:00', '17:00']]])),
                  }
                : undefined,
            )
          }
        />
        Answer only during business hours (the away message shows outside them)
      </label>
      {hours && (
        <>
          <p class="muted hint">Per day: intervals like 09:00-12:00, 13:00-17:00. An empty day is closed.</p>
          <Field
            label="Time zone"
            path="businessHours.timeZone"
            issues={props.issuesAt('businessHours.timeZone')}
          >
            <input
              value={String(hours.timeZone ?? '')}
              list="time-zones"
              onChange={(e) => set('timeZone', e.currentTarget.value)}
            />
          </Field>
          <datalist id="time-zones">
            {(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []).map(
              (z) => (
                <option key={z} value={z} />
              ),
            )}
          </datalist>
          {DAYS.map(([day, name]) => (
            <Field
              key={day}
              label={name}
              path={`businessHours.week.${day}`}
              issues={props.issuesAt(`businessHours.week.${day}`)}
            >
              <input
                value={formatDay(week[day])}
                onChange={(e) => {
                  const intervals = parseDay(e.currentTarget.value);
                  props.onChange(
                    setPath(hours, 'week', { ...week, [day]: intervals.length ? intervals : undefined }),
                  );
                }}
              />
            </Field>
          ))}
          <Field
            label="Holidays (dates, comma-separated)"
            path="businessHours.holidays"
            issues={props.issuesAt('businessHours.holidays')}
          >
            <input
              value={Array.isArray(hours.holidays) ? hours.holidays.join(', ') : ''}
              placeholder="2026-12-24, 2026-12-25"
              onChange={(e) =>
                set(
                  'holidays',
                  e.currentTarget.value
                    .split(',')
                    .map((d) => d.trim())
                    .filter(Boolean),
                )
              }
            />
          </Field>
        </>
      )}
    </fieldset>
  );
}
