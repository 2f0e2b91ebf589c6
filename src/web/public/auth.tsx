// Staff sign-in and sign-out (/accedi, /esci) and password reset (/password-dimenticata, /reimposta-password).
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
export function authPageRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
