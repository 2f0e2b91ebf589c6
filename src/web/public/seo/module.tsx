// Feeds and machine endpoints: Atom feed, sitemap, robots, health check.
import { defineWebModule } from '../../modules.ts';
import { seoRoutes } from './seo.tsx';

export const module = defineWebModule({ name: 'seo', area: 'public', mounts: [{ path: '/', routes: seoRoutes }], order: 10 });
