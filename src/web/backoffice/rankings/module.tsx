// Ranked lists in the back office: the index, each list's desk, import, and the figures.
import { rankingRules } from '../../../domains/rankings/index.ts';
import { defineWebModule } from '../../modules.ts';
import { rankingFiguresRoutes } from './figures/routes.tsx';
import { rankingAdminRoutes } from './routes.tsx';

export const module = defineWebModule({
  name: 'rankings',
  area: 'backoffice',
  mounts: [
    { path: '/graduatorie', routes: rankingAdminRoutes },
    { path: '/graduatorie-cifre', routes: rankingFiguresRoutes },
  ],
  nav: [
    { path: '/graduatorie', label: 'rankings_admin.nav', rule: rankingRules.read, order: 80 },
    { path: '/graduatorie-cifre', label: 'figures.nav', rule: rankingRules.read, order: 81 },
  ],
});
