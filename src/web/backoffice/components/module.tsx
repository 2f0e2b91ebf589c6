// The kit's catalogue (/admin/componenti): a page for developers and designers, shown to admins only.
import { definePolicy, staff } from '../../../platform/authz/index.ts';
import { defineWebModule } from '../../modules.ts';
import { componentsRoutes } from './page.tsx';

// A page about the code, not about anyone's data: no domain owns it, so its one rule lives here.
export const componentRules = definePolicy('components', { view: staff('admin') });

export const module = defineWebModule({
  name: 'components',
  area: 'backoffice',
  policies: [componentRules],
  mounts: [{ path: '/componenti', routes: componentsRoutes(componentRules.view) }],
  // Last of the admins' entries (users, API tokens, audit log, outbox).
  nav: [{ path: '/componenti', label: 'components_admin.nav', rule: componentRules.view, order: 104 }],
});
