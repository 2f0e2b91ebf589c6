// Published ranked lists.
import { defineWebModule } from '../../modules.ts';
import { rankingPublicRoutes } from './rankings.tsx';

export const module = defineWebModule({ name: 'rankings', area: 'public', mounts: [{ path: '/graduatorie', routes: rankingPublicRoutes }] });
