// The dependency rules of docs/architecture.md, checked by dependency-cruiser (`npm run lint`,
// part of `npm test`): web → domains → platform/db, never backwards; a domain reads another only
// through its index.ts; no two domains depend on each other; the web layer holds no SQL.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-domain',
      comment: 'src/platform knows no domain words: it must not import src/domains or src/web.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(domains|web)/' },
    },
    {
      name: 'domains-below-web',
      comment: 'A domain must not import the web layer (web → domains → platform).',
      severity: 'error',
      from: { path: '^src/domains/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'domain-through-index',
      comment: "A domain reads another domain only through that domain's index.ts.",
      severity: 'error',
      from: { path: '^src/domains/([^/]+)/', pathNot: ['^src/domains/[^/]+/tables\\.ts$', '\\.test\\.tsx?$'] },
      to: { path: '^src/domains/[^/]+/', pathNot: ['^src/domains/$1/', '^src/domains/[^/]+/index\\.ts$'] },
    },
    {
      name: 'tables-reference-tables',
      comment: "A domain's tables.ts may reference another domain's tables.ts (foreign keys), nothing else of it.",
      severity: 'error',
      from: { path: '^src/domains/([^/]+)/tables\\.ts$' },
      to: { path: '^src/domains/[^/]+/', pathNot: ['^src/domains/$1/', '^src/domains/[^/]+/tables\\.ts$'] },
    },
    {
      name: 'no-domain-cycles',
      comment: 'No two domains depend on each other, directly or through others.',
      severity: 'error',
      from: { path: '^src/domains/' },
      to: { circular: true },
    },
    {
      name: 'web-through-domain-index',
      comment: "The web layer calls a domain only through its index.ts (its exported operations).",
      severity: 'error',
      from: { path: '^src/web/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/domains/[^/]+/', pathNot: '^src/domains/[^/]+/index\\.ts$' },
    },
    {
      name: 'testing-only-in-tests',
      comment: "A domain's testing.ts (states only a crash leaves, links no operation makes) serves tests alone: nothing else imports it.",
      severity: 'error',
      from: { pathNot: ['\\.test\\.tsx?$', '^tests/', '^src/domains/[^/]+/testing\\.ts$'] },
      to: { path: '^src/domains/[^/]+/testing\\.ts$' },
    },
    {
      name: 'web-holds-no-sql',
      comment: 'The web layer never imports src/db (not even its types) nor drizzle-orm: it hands the request to domain functions.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: ['^src/db/', '(^|/)node_modules/drizzle-orm/', '^drizzle-orm'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.tmp/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    moduleSystems: ['es6'],
  },
};
