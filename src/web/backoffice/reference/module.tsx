// Reference data in the back office: professions, disciplines, the relation graph, territory.
import { referenceRules } from '../../../domains/reference/index.ts';
import { defineWebModule } from '../../modules.ts';
import { referenceRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'reference',
  area: 'backoffice',
  mounts: [{ path: '/riferimenti', routes: referenceRoutes }],
  nav: [{ path: '/riferimenti', label: 'admin.nav.reference', rule: referenceRules.view, order: 90 }],
});
