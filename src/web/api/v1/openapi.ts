// The OpenAPI 3.1 description of API v1, built from the same zod schemas the routes use.
import { CALL_STATES } from '../../../domains/calls/index.ts';
import {
  apiCallListSchema,
  apiCallSchema,
  apiErrorSchema,
  apiValidationErrorSchema,
  callInputJsonSchema,
  callPatchJsonSchema,
  publishBodySchema,
  schemaOf,
} from './schemas.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, extra: object = {}) => ({ content: { 'application/json': { schema, ...extra } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });

/** A complete, valid request body (the employer id must be one of yours). */
export const CREATE_CALL_EXAMPLE = {
  title: 'Dirigente medico di Medicina interna',
  type: 'concorso_pubblico',
  employerId: '6f1c2a9e-3b1d-4c7e-9a55-0d2f4b8e1a37',
  professionCode: 'medico_chirurgo',
  disciplineCode: 15,
  posts: 2,
  contractTerm: 'indeterminato',
  contractHours: 'full_time',
  workplaces: ['022205'],
  specialisations: null,
  descriptionMd: 'Il reparto di **Medicina interna** cerca due dirigenti medici.',
  requirementsMd: '- Laurea in medicina e chirurgia\n- Specializzazione nella disciplina',
  publishAt: null,
  deadline: '2026-07-15T12:00:00+02:00',
  officialRef: 'BUR n. 24 del 2026',
  applicationUrl: 'https://www.inpa.gov.it/bandi-e-avvisi/',
  contactEmail: 'concorsi@asl.example.it',
};

const idParam = { name: 'id', in: 'path', required: true, description: 'The call id (uuid).', schema: { type: 'string', format: 'uuid' } };
const common401 = { description: 'Missing, unknown or revoked token.', headers: { 'WWW-Authenticate': { schema: { type: 'string' } } }, ...json(ref('Error')) };
const common429 = { description: 'Over the rate limit of the token.', headers: { 'Retry-After': { schema: { type: 'integer' } } }, ...json(ref('Error')) };
const callOk = (description: string) => ({ description, headers: { ETag: { description: 'The version, "<n>".', schema: { type: 'string' } } }, ...json(ref('Call')) });
const transition = (summary: string, description: string, operationId: string, body?: object) => ({
  summary,
  description,
  operationId,
  tags: ['calls'],
  parameters: [idParam],
  ...(body ? { requestBody: { required: false, ...json(body) } } : {}),
  responses: {
    '200': callOk('The call after the change.'),
    '400': error('Malformed JSON.'),
    '401': common401,
    '403': error('The token’s role may not do this.'),
    '404': error('No such call.'),
    '409': error('The call is not in a state that allows this (error "invalid_state").'),
    '422': { description: 'What publishing still needs, by field.', ...json(ref('ValidationError')) },
    '429': common429,
  },
});

let cached: { baseUrl: string; doc: Record<string, unknown> } | null = null;

export function openApiDocument(baseUrl: string): Record<string, unknown> {
  if (cached?.baseUrl === baseUrl) return cached.doc;
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'Approdo API',
      version: '1.0.0',
      description:
        'Calls (bandi) of the agency: create, read, update, publish, close, archive. Every request carries `Authorization: Bearer <token>`; ' +
        'an admin creates tokens in the back office (/admin/token-api), each with a role: recruiter and admin tokens may write, editor tokens only read. ' +
        'Session cookies are ignored. Dates are ISO 8601. Messages follow Accept-Language (en or it; English by default).',
    },
    servers: [{ url: baseUrl }],
    security: [{ bearer: [] }],
    tags: [{ name: 'calls', description: 'Calls for applications (bandi).' }],
    paths: {
      '/api/v1/calls': {
        get: {
          summary: 'List calls',
          description: 'All calls, newest change first, 20 a page; filter by state, text and employer.',
          operationId: 'listCalls',
          tags: ['calls'],
          parameters: [
            { name: 'state', in: 'query', schema: { type: 'string', enum: [...CALL_STATES] } },
            { name: 'q', in: 'query', description: 'Full text (title, reference, texts) or exact slug.', schema: { type: 'string', maxLength: 200 } },
            { name: 'employerId', in: 'query', schema: { type: 'string', format: 'uuid' } },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1 } },
          ],
          responses: {
            '200': { description: 'A page of calls.', ...json(ref('CallList')) },
            '400': error('A query parameter is not valid.'),
            '401': common401,
            '429': common429,
          },
        },
        post: {
          summary: 'Create a draft call',
          operationId: 'createCall',
          tags: ['calls'],
          requestBody: { required: true, ...json(ref('CallInput'), { example: CREATE_CALL_EXAMPLE }) },
          responses: {
            '201': { ...callOk('The new draft.'), headers: { Location: { schema: { type: 'string' } }, ETag: { schema: { type: 'string' } } } },
            '400': error('Malformed JSON or no body.'),
            '401': common401,
            '403': error('Editor tokens may not create calls.'),
            '413': error('Body over 1 MB.'),
            '415': error('The body is not application/json.'),
            '422': { description: 'Field errors.', ...json(ref('ValidationError')) },
            '429': common429,
          },
        },
      },
      '/api/v1/calls/{id}': {
        get: {
          summary: 'Read a call',
          operationId: 'getCall',
          tags: ['calls'],
          parameters: [idParam],
          responses: { '200': callOk('The call.'), '401': common401, '404': error('No such call.'), '429': common429 },
        },
        patch: {
          summary: 'Change some fields of a call',
          description:
            'The fields sent replace the stored ones; the rest stay. Send the version you edited as `If-Match: "<version>"` or as `version` ' +
            'to get 409 instead of overwriting someone else’s change. Archived calls cannot be edited.',
          operationId: 'updateCall',
          tags: ['calls'],
          parameters: [idParam, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string', example: '"3"' } }],
          requestBody: { required: true, ...json(ref('CallPatch'), { example: { posts: 3, version: 1 } }) },
          responses: {
            '200': callOk('The call after the change.'),
            '400': error('Malformed JSON or If-Match.'),
            '401': common401,
            '403': error('Editor tokens may not change calls.'),
            '404': error('No such call.'),
            '409': error('Changed since the version given ("conflict"), or archived ("invalid_state").'),
            '413': error('Body over 1 MB.'),
            '415': error('The body is not application/json.'),
            '422': { description: 'Field errors.', ...json(ref('ValidationError')) },
            '429': common429,
          },
        },
      },
      '/api/v1/calls/{id}/publish': {
        post: transition(
          'Publish or schedule a call',
          'A draft or scheduled call is published now, or scheduled when publishAt is in the future. Needs a future deadline and the application URL.',
          'publishCall',
          ref('PublishRequest'),
        ),
      },
      '/api/v1/calls/{id}/close': {
        post: transition('Close an open call before its deadline', 'It stays visible on the public site, marked closed.', 'closeCall'),
      },
      '/api/v1/calls/{id}/archive': {
        post: transition('Archive a closed or draft call', 'It leaves the public site and can no longer be edited.', 'archiveCall'),
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token created by an admin (apd_…).' },
      },
      schemas: {
        Call: schemaOf(apiCallSchema),
        CallList: schemaOf(apiCallListSchema),
        CallInput: callInputJsonSchema(),
        CallPatch: callPatchJsonSchema(),
        PublishRequest: schemaOf(publishBodySchema),
        Error: schemaOf(apiErrorSchema),
        ValidationError: schemaOf(apiValidationErrorSchema),
      },
    },
  };
  cached = { baseUrl, doc };
  return doc;
}
