// The authorization matrix of a back-office section, tested the same way everywhere: each route
// for an anonymous visitor (303 to the sign-in page) and for each staff role (its allowed status,
// else the 403 page).
import { describe, expect, it } from 'vitest';
import type { WebApp } from '../../src/web/app.tsx';
import { postForm } from './http.ts';

export type Role = 'admin' | 'recruiter' | 'editor';

export interface MatrixRoute {
  method: 'GET' | 'POST';
  path: () => string;
  fields?: () => Record<string, string>;
  allowed: Partial<Record<Role, number>>;
}

export function describeRoleMatrix(opts: {
  app: () => WebApp;
  cookies: Record<Role, string>;
  routes: MatrixRoute[];
  /** What an anonymous visitor's redirect must look like (the next= of the section). */
  signInRedirect: RegExp;
  /** What a successful POST's redirect must look like. */
  successRedirect: RegExp;
}): void {
  const call = (r: MatrixRoute, cookie?: string) =>
    r.method === 'GET'
      ? opts.app().request(r.path(), { headers: cookie ? { cookie } : {} })
      : postForm(opts.app(), r.path(), r.fields!(), { cookie });

  describe.each(opts.routes.map((r) => [`${r.method} ${r.path.toString().replace(/^\(\) => /, '')}`, r] as const))('%s', (_name, r) => {
    it('sends anonymous visitors to the sign-in page', async () => {
      const res = await call(r);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(opts.signInRedirect);
    });

    it.each(['editor', 'recruiter', 'admin'] as const)('answers %s as its role allows', async (role) => {
      const res = await call(r, opts.cookies[role]);
      const expected = r.allowed[role] ?? 403;
      expect(res.status).toBe(expected);
      if (expected === 403) expect(await res.text()).toContain('Accesso non consentito');
      if (expected === 303) expect(res.headers.get('location')).toMatch(opts.successRedirect);
    });
  });
}
