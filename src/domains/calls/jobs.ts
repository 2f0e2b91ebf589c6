// Jobs of the calls domain.
import type { AppDeps } from '../../web/context.ts';
export function registerCallJobs(_deps: AppDeps): void {}
