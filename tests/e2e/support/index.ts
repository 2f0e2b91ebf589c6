// Everything a browser journey needs, from one import.
export { startJourney, type Journey, type JourneyOptions } from './journey.ts';
export { visit, follow, checkPage, instrumentPage, selectAndSettle, fillSignIn, VNU_DIR } from './pages.ts';
export { expectAccessible, formatViolations, WCAG_TAGS } from './a11y.ts';
export { launchBrowser, CHROMIUM, CHROMIUM_ARGS } from './browser.ts';
export { startServer, type RunningServer } from './server.ts';
