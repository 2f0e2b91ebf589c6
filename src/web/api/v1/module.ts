// The JSON API (/api/v1), its OpenAPI document, and better-auth's own endpoints (/api/auth).
import { defineWebModule } from '../../modules.ts';
import { apiRoutes } from './routes.ts';

export const module = defineWebModule({ name: 'v1', area: 'api', mounts: [{ path: '/', routes: apiRoutes }] });
