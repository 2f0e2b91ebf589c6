// The public home page: open calls by profession, the latest calls, search.
import { defineWebModule } from '../../modules.ts';
import { homeRoutes } from './home.tsx';

export const module = defineWebModule({ name: 'home', area: 'public', mounts: [{ path: '/', routes: homeRoutes }], order: 0 });
