import type { FormDefinition, FormField, FormValue, Issue } from '@frontdesk/protocol';
import { validateSubmission } from '@frontdesk/protocol';
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import EN_VIEWS from '../i18n/enViews';
import { PAGE_CSS } from '../theme/pageStyles';
import { useWidget } from './context';
import { MAX_FILE_BYTES } from './limits';
import { track, useSignal } from './track';

type Raw = Record<string, string | boolean | string[] | File | undefined>;

/** Turn what the inputs hold into submission values (numbers as numbers, files uploaded to attachment ids). */
async function collect(form: FormDefinition, raw: Raw, upload: (f: File) => Promise<string>) {
  const values: Record<string, FormValue> = {};
  for (const field of form.fields) {
    const v = raw[field.name];
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) continue;
    if (v instanceof File) values[field.name] = await upload(v);
    else if (field.type === 'number' && typeof v === 'string')
      values[field.name] = Number(v.replace(',', '.'));
    else values[field.name] = v;
  }
  return values;
}

/** A configured form rendered from its definition, validated like the server does; shows the ticket reference. */
export default track(function FormPage({
  id,
  preChat,
  onDone,
}: {
  id: string;
  preChat?: boolean;
  onDone?: () => void;
}) {
  const w = useWidget();
  w.i18n.add(EN_VIEWS);
  w.style(PAGE_CSS);
  const { t, p } = w.i18n;
  const form = w.config.value?.forms?.find((f) => f.id === id);
  const raw = useSignal<Raw>({});
  const issues = useSignal<Issue[]>([]);
  const busy = useSignal(false);
  const failed = useSignal(false);
  const reference = useSignal('');
  const root = useRef<HTMLFormElement>(null);
  if (!form)
    return (
      <div class="bd">
        <p class="er">{t('error.generic')}</p>
      </div>
    );

  const issueOf = (f: FormField) => issues.value.find((i) => i.path === `values.${f.name}`);
  // People read these: the site's own text for the field first, then plain words; a pattern is never shown.
  const message = (f: FormField, issue: Issue) =>
    issue.expected.includes('required')
      ? t('form.missing')
      : f.errorText
        ? w.text(f.errorText)
        : f.type === 'email'
          ? t('form.email')
          : f.type === 'phone'
            ? t('form.phone')
            : f.pattern && issue.expected.startsWith('text matching')
              ? t('form.format')
              : t('form.invalid', { expected: issue.expected });
  const set = (name: string, value: Raw[string]) => (raw.value = { ...raw.value, [name]: value });

  const submit = async () => {
    busy.value = true;
    failed.value = false;
    try {
      const values = await collect(form, raw.value, (f) => w.client.upload(f, f.name).then((a) => a.id));
      issues.value = validateSubmission(form, values);
      if (issues.value.length) {
        const first = issues.value[0]!.path.slice(7);
        root.current
          ?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`)
          ?.focus({ preventScroll: false });
        return;
      }
      if (preChat) {
        // Name, email and phone fill the visitor's profile (what the agent sees first); the rest are attributes.
        const attributes: Record<string, string | number | boolean> = {};
        const profile: { name?: string; email?: string; phone?: string } = {};
        for (const f of form.fields) {
          const v = values[f.name];
          if (v === undefined) continue;
          const known = f.type === 'email' ? 'email' : f.type === 'phone' ? 'phone' : f.name.toLowerCase();
          if (typeof v === 'string' && (known === 'name' || known === 'email' || known === 'phone'))
            profile[known] ??= v.trim();
          else attributes[f.name] = Array.isArray(v) ? v.join(', ') : v;
        }
        await w.client.updateVisitor({ attributes, ...profile });
        onDone?.();
        return;
      }
      const ticket = await w.client.submitForm(form.id, values);
      reference.value = ticket.reference;
      w.emit('formSubmitted', { formId: form.id, reference: ticket.reference });
    } catch {
      failed.value = true;
    } finally {
      busy.value = false;
    }
  };

  if (reference.value)
    return (
      <div class="bd">
        <div class="card" role="status">
          <p class="ok">{t('form.sent')}</p>
          <p>{t('form.reference', { reference: reference.value })}</p>
        </div>
        <button type="button" class="btn" onClick={() => w.go({ v: 'home' })}>
          {t('form.done')}
        </button>
      </div>
    );

  return (
    <form
      ref={root}
      class="bd"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {preChat && <h3 class="lab">{t('prechat.title')}</h3>}
      {/* The site's texts may be in another language than the widget's: each takes its own direction. */}
      {form.description && (
        <p class="mu" dir="auto">
          {w.text(form.description)}
        </p>
      )}
      {issues.value.length > 0 && (
        <p class="er" role="alert">
          {p('form.errors', issues.value.length)}
        </p>
      )}
      {form.fields.map((f) => {
        const fid = `fd-f-${form.id}-${f.name}`;
        const issue = issueOf(f);
        const help = f.help ? w.text(f.help) : '';
        const described = [issue && `${fid}-e`, help && `${fid}-h`].filter(Boolean).join(' ') || undefined;
        const common = {
          id: fid,
          name: f.name,
          'aria-invalid': issue ? true : undefined,
          'aria-describedby': described,
          'aria-required': f.required || undefined,
        };
        const label = (
          <>
            <bdi>{w.text(f.label)}</bdi>
            {f.required && <span class="mu"> ({t('form.required')})</span>}
          </>
        );
        const value = raw.value[f.name];
        let control: ComponentChildren;
        if (f.type === 'checkbox')
          return (
            <div class="fld" key={f.name}>
              <label class="ck">
                <input
                  {...common}
                  type="checkbox"
                  checked={value === true}
                  onChange={(e) => set(f.name, e.currentTarget.checked)}
                />
                {label}
              </label>
              {issue && (
                <p id={`${fid}-e`} class="er" dir="auto">
                  {message(f, issue)}
                </p>
              )}
            </div>
          );
        if (f.type === 'select')
          control = (
            <select
              {...common}
              class="in"
              value={(value as string) ?? ''}
              onChange={(e) => set(f.name, e.currentTarget.value)}
            >
              <option value="">{t('form.choose')}</option>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value} dir="auto">
                  {w.text(o.label)}
                </option>
              ))}
            </select>
          );
        else if (f.type === 'multiselect')
          control = (
            <select
              {...common}
              class="in"
              multiple
              onChange={(e) =>
                set(
                  f.name,
                  Array.from(e.currentTarget.selectedOptions, (o) => o.value),
                )
              }
            >
              {f.options?.map((o) => (
                <option
                  key={o.value}
                  value={o.value}
                  dir="auto"
                  selected={(value as string[] | undefined)?.includes(o.value)}
                >
                  {w.text(o.label)}
                </option>
              ))}
            </select>
          );
        else if (f.type === 'textarea')
          control = (
            <textarea
              {...common}
              class="in"
              rows={4}
              maxLength={f.maxLength}
              value={(value as string) ?? ''}
              onInput={(e) => set(f.name, e.currentTarget.value)}
            />
          );
        else if (f.type === 'file')
          control = (
            <input
              {...common}
              class="in"
              type="file"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                set(f.name, file && file.size <= MAX_FILE_BYTES ? file : undefined);
              }}
            />
          );
        else
          control = (
            <input
              {...common}
              class="in"
              type={f.type === 'phone' ? 'tel' : f.type === 'number' ? 'text' : f.type}
              inputMode={f.type === 'number' ? 'decimal' : undefined}
              autocomplete={f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : undefined}
              maxLength={f.maxLength}
              value={(value as string) ?? ''}
              onInput={(e) => set(f.name, e.currentTarget.value)}
            />
          );
        return (
          <div class="fld" key={f.name}>
            <label for={fid}>{label}</label>
            {help && (
              <p id={`${fid}-h`} class="mu" dir="auto">
                {help}
              </p>
            )}
            {control}
            {issue && (
              <p id={`${fid}-e`} class="er" dir="auto">
                {message(f, issue)}
              </p>
            )}
          </div>
        );
      })}
      {failed.value && (
        <p class="er" role="alert">
          {t('error.generic')}
        </p>
      )}
      <button type="submit" class="btn" disabled={busy.value}>
        {t('form.submit')}
      </button>
    </form>
  );
});
