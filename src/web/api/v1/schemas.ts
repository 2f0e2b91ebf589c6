// The JSON shapes of API v1 as zod schemas: the single source for the responses the routes build
// and for the schemas of the OpenAPI document (z.toJSONSchema), so the two cannot drift apart.
import { z } from 'zod';
import { CALL_STATES, CALL_TYPES, CONTRACT_HOURS, CONTRACT_TERMS, callInputSchema, type CallDetail } from '../../../domains/calls/index.ts';

// toISOString() always writes "Z"; offset: true also admits "+02:00" for what clients send.
const isoDateTime = z.iso.datetime({ offset: true });
const nullableDate = isoDateTime.nullable();

export const apiCallSchema = z.object({
  id: z.guid(),
  slug: z.string().describe('Lowercase letters, digits and hyphens; the public page is /bandi/<slug>.'),
  url: z.url().describe('Public page of the call (visible to everyone once open, and after it closes).'),
  title: z.string(),
  type: z.enum(CALL_TYPES),
  state: z.enum(CALL_STATES).describe('draft → scheduled → open → closed → archived; scheduled/open/closed also follow the clock.'),
  employer: z.object({ id: z.guid(), name: z.string() }),
  professionCode: z.string(),
  professionName: z.string(),
  disciplineCode: z.number().int().nullable(),
  disciplineName: z.string().nullable(),
  posts: z.number().int(),
  contractTerm: z.enum(CONTRACT_TERMS),
  contractHours: z.enum(CONTRACT_HOURS),
  workplaces: z.array(z.object({ code: z.string().describe('ISTAT code of the comune'), name: z.string(), province: z.string(), provinceName: z.string() })),
  specialisations: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['same', 'equipollent', 'affine']) })),
  descriptionMd: z.string(),
  requirementsMd: z.string(),
  publishAt: nullableDate,
  deadline: nullableDate,
  closedAt: nullableDate,
  archivedAt: nullableDate,
  officialRef: z.string().nullable(),
  applicationUrl: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  attachments: z.array(z.object({ id: z.guid(), filename: z.string(), title: z.string().nullable(), size: z.number().int(), contentType: z.string() })),
  version: z.number().int().min(1).describe('Increases with every change; send it back as If-Match: "<version>" or `version` to update safely.'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type ApiCall = z.infer<typeof apiCallSchema>;

export const apiCallListItemSchema = apiCallSchema.pick({
  id: true,
  slug: true,
  url: true,
  title: true,
  type: true,
  state: true,
  posts: true,
  publishAt: true,
  deadline: true,
  closedAt: true,
  updatedAt: true,
}).extend({ employerName: z.string(), professionName: z.string(), disciplineName: z.string().nullable() });
export type ApiCallListItem = z.infer<typeof apiCallListItemSchema>;

export const apiCallListSchema = z.object({
  items: z.array(apiCallListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  pageSize: z.number().int(),
});

export const apiErrorSchema = z.object({
  error: z.enum([
    'unauthorized',
    'forbidden',
    'not_found',
    'bad_request',
    'unsupported_media_type',
    'payload_too_large',
    'conflict',
    'invalid_state',
    'rate_limited',
    'internal_error',
  ]),
  message: z.string().optional(),
  code: z.string().optional().describe('i18n key of the message, stable across languages.'),
  requestId: z.string().optional(),
});

export const apiValidationErrorSchema = z.object({
  error: z.literal('invalid'),
  fields: z.record(z.string(), z.object({ code: z.string().describe('i18n key, e.g. common.forms.required'), message: z.string() })),
});

/** Query of GET /api/v1/calls. */
export const listQuerySchema = z.object({
  state: z.enum(CALL_STATES).optional(),
  q: z.string().max(200).optional(),
  employerId: z.guid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const publishBodySchema = z.object({
  publishAt: isoDateTime.nullable().optional().describe('Omit to keep the stored publication time; null or a past time publishes now; a future time schedules.'),
});

/** Fields dates travel as ISO 8601 strings in JSON and as Date in the domain. */
export const DATE_FIELDS = ['publishAt', 'deadline'] as const;

/** The request body of POST /calls as JSON Schema, from the domain's own input schema. */
export function callInputJsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(callInputSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === 'date') {
        ctx.jsonSchema.type = 'string';
        ctx.jsonSchema.format = 'date-time';
        ctx.jsonSchema.description = 'ISO 8601 date and time with offset, e.g. 2026-07-15T12:00:00+02:00.';
      }
    },
  }) as Record<string, unknown>;
  delete s.$schema;
  // What zod cannot see through the preprocess steps, said for the reader.
  const props = s.properties as Record<string, Record<string, unknown>>;
  props.applicationUrl.description = 'https URL of the official application (inPA or the agency portal).';
  props.contactEmail.description = 'Email address.';
  props.slug.description = 'Optional; derived from the title when absent.';
  props.specialisations.description = 'null: proposed from the relation graph of the discipline (same, equipollent, affine).';
  props.workplaces.description = 'ISTAT codes of the comuni.';
  return s;
}

export function callPatchJsonSchema(): Record<string, unknown> {
  const base = callInputJsonSchema();
  const props: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(base.properties as Record<string, Record<string, unknown>>)) {
    const { default: _omit, ...rest } = v;
    props[k] = rest;
  }
  props.version = { type: 'integer', minimum: 1, description: 'The version you edited; 409 when the call changed since. Same as If-Match.' };
  return { type: 'object', description: 'Only the fields to change; the others keep their stored values.', properties: props };
}

export function schemaOf(s: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(s, {
    io: 'output',
    // format: date-time says it; zod's 400-character regex for the same only hides it from readers.
    override: (ctx) => {
      if (ctx.jsonSchema.format === 'date-time') delete ctx.jsonSchema.pattern;
    },
  }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiCall(d: CallDetail, baseUrl: string): ApiCall {
  const c = d.call;
  return {
    id: c.id,
    slug: c.slug,
    url: `${baseUrl}/bandi/${c.slug}`,
    title: c.title,
    type: c.type,
    state: d.state,
    employer: { id: d.employer.id, name: d.employer.name },
    professionCode: c.professionCode,
    professionName: d.professionName,
    disciplineCode: c.disciplineCode,
    disciplineName: d.disciplineName,
    posts: c.posts,
    contractTerm: c.contractTerm,
    contractHours: c.contractHours,
    workplaces: d.workplaces,
    specialisations: d.specialisations,
    descriptionMd: c.descriptionMd,
    requirementsMd: c.requirementsMd,
    publishAt: iso(c.publishAt),
    deadline: iso(c.deadline),
    closedAt: iso(c.closedAt),
    archivedAt: iso(c.archivedAt),
    officialRef: c.officialRef,
    applicationUrl: c.applicationUrl,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    contactPhone: c.contactPhone,
    attachments: d.attachments,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The stored call in the shape the domain accepts, to merge a PATCH onto. */
export function storedInput(d: CallDetail): Record<string, unknown> {
  const c = d.call;
  return {
    title: c.title,
    slug: c.slug,
    type: c.type,
    employerId: c.employerId,
    professionCode: c.professionCode,
    disciplineCode: c.disciplineCode,
    posts: c.posts,
    contractTerm: c.contractTerm,
    contractHours: c.contractHours,
    workplaces: d.workplaces.map((w) => w.code),
    specialisations: d.specialisations.map((s) => ({ code: s.code, kind: s.kind })),
    descriptionMd: c.descriptionMd,
    requirementsMd: c.requirementsMd,
    publishAt: c.publishAt,
    deadline: c.deadline,
    officialRef: c.officialRef,
    applicationUrl: c.applicationUrl,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    contactPhone: c.contactPhone,
  };
}
