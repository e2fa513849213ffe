import * as v from 'valibot';
import { ClientIdSchema, LocaleSchema, LocalizedTextSchema, PageSchema } from './common';
import type { Issue } from './validate';
import { describeValue } from './validate';

export const FieldTypeSchema = v.picklist([
  'text',
  'email',
  'phone',
  'number',
  'select',
  'multiselect',
  'checkbox',
  'textarea',
  'file',
]);

const FieldNameSchema = v.pipe(
  v.string('a field name'),
  v.regex(/^[a-zA-Z][\w-]{0,63}$/, 'a field name starting with a letter'),
);

/** One field of a self-service form. Labels and help text are per locale. */
export const FormFieldSchema = v.object({
  name: FieldNameSchema,
  type: FieldTypeSchema,
  label: LocalizedTextSchema,
  help: v.optional(LocalizedTextSchema),
  /**
   * What the visitor reads when the value is not accepted (a pattern, range or type), per locale, e.g. "An order
   * number looks like AB-1234". Without it the widget says what is wrong in plain words, never the pattern itself.
   */
  errorText: v.optional(LocalizedTextSchema),
  required: v.optional(v.boolean(), false),
  /** A regular expression the whole value must match (text, email, phone, textarea). */
  pattern: v.optional(
    v.pipe(
      v.string(),
      v.check((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'a valid regular expression'),
    ),
  ),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
  maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Choices for select and multiselect. */
  options: v.optional(
    v.array(v.object({ value: v.pipe(v.string(), v.minLength(1)), label: LocalizedTextSchema })),
  ),
});

/** The kind of service flow a form serves; drives icons and reporting. */
export const FormModuleSchema = v.picklist([
  'question',
  'complaint',
  'return',
  'order-status',
  'callback',
  'custom',
]);

/** A self-service form definition from the site config. */
export const FormDefinitionSchema = v.object({
  id: FieldNameSchema,
  module: FormModuleSchema,
  title: LocalizedTextSchema,
  description: v.optional(LocalizedTextSchema),
  fields: v.pipe(v.array(FormFieldSchema), v.minLength(1, 'at least one field'), v.maxLength(40)),
});

/** A value entered into a form field. File fields carry an attachment id. */
export const FormValueSchema = v.union([
  v.pipe(v.string(), v.maxLength(10_000)),
  v.number(),
  v.boolean(),
  v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(50)),
]);

/** Body of a form submission. */
export const FormSubmissionSchema = v.object({
  clientId: ClientIdSchema,
  formId: FieldNameSchema,
  values: v.record(v.string(), FormValueSchema),
  locale: v.optional(LocaleSchema),
  page: v.optional(PageSchema),
});

export type FieldType = v.InferOutput<typeof FieldTypeSchema>;
export type FormField = v.InferOutput<typeof FormFieldSchema>;
export type FormModule = v.InferOutput<typeof FormModuleSchema>;
export type FormDefinition = v.InferOutput<typeof FormDefinitionSchema>;
export type FormValue = v.InferOutput<typeof FormValueSchema>;
export type FormSubmission = v.InferOutput<typeof FormSubmissionSchema>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Longest value a field's `pattern` is run on (patterns are proven free of catastrophic backtracking on push). */
export const PATTERN_INPUT_MAX = 1000;
const PHONE = /^\+?[0-9 ().-]{5,20}$/;

function isEmpty(value: FormValue | undefined): boolean {
  return (
    value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Check submitted values against a form definition: required fields, types, patterns, ranges, choices,
 * and no unknown fields. Returns every issue, with paths like `values.email`.
 */
export function validateSubmission(form: FormDefinition, values: Record<string, FormValue>): Issue[] {
  const issues: Issue[] = [];
  const fail = (name: string, expected: string, value: unknown) => {
    const path = `values.${name}`;
    const received = describeValue(value);
    issues.push({ path, expected, received, message: `${path}: expected ${expected}, found ${received}` });
  };
  const known = new Set(form.fields.map((f) => f.name));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) fail(name, `one of the form's fields (${[...known].join(', ')})`, values[name]);
  }
  for (const field of form.fields) {
    const value = values[field.name];
    if (isEmpty(value)) {
      if (field.required) fail(field.name, 'a value (the field is required)', value);
      continue;
    }
    const choices = field.options?.map((o) => o.value) ?? [];
    switch (field.type) {
      case 'number': {
        const n = typeof value === 'number' ? value : Number(value);
        if (typeof value === 'boolean' || Array.isArray(value) || !Number.isFinite(n))
          fail(field.name, 'a number', value);
        else if (field.min !== undefined && n < field.min)
          fail(field.name, `a number of at least ${field.min}`, value);
        else if (field.max !== undefined && n > field.max)
          fail(field.name, `a number of at most ${field.max}`, value);
        continue;
      }
      case 'checkbox':
        if (typeof value !== 'boolean') fail(field.name, 'true or false', value);
        continue;
      case 'multiselect':
        if (!Array.isArray(value)) fail(field.name, 'a list of choices', value);
        else if (value.some((item) => !choices.includes(item)))
          fail(field.name, `choices from ${choices.join(', ')}`, value);
        continue;
      case 'select':
        if (typeof value !== 'string' || !choices.includes(value))
          fail(field.name, `one of ${choices.join(', ')}`, value);
        continue;
      default: {
        if (typeof value !== 'string') {
          fail(field.name, field.type === 'file' ? 'an attachment id' : 'text', value);
          continue;
        }
        if (field.maxLength !== undefined && value.length > field.maxLength)
          fail(field.name, `at most ${field.maxLength} characters`, value);
        else if (field.type === 'email' && !EMAIL.test(value)) fail(field.name, 'an email address', value);
        else if (field.type === 'phone' && !PHONE.test(value)) fail(field.name, 'a phone number', value);
        // An admin's pattern runs on bounded text only: even one of quadratic cost then stays fast.
        else if (field.pattern && value.length > PATTERN_INPUT_MAX)
          fail(field.name, `at most ${PATTERN_INPUT_MAX} characters`, value);
        else if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(value))
          fail(field.name, `text matching /${field.pattern}/`, value);
      }
    }
  }
  return issues;
}
