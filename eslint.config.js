// ESLint (flat config) with typescript-eslint's recommended rules, plus the layering rules of STYLE.md.
import tseslint from 'typescript-eslint';

/**
 * The layers, from the bottom: model, errors, logger, metrics (leaves) -> store, mail (AWS) -> domain (the rules)
 * -> routes (the route table), http (middleware, views) -> functions (thin handlers). A module imports only from
 * layers below its own. Each layer's imports are matched by alias (`#store/...`) and by relative path. `shared/s3.ts` (S3 by
 * signed calls) and `shared/sigv4.ts` (the signing it and SES share) are leaves only the two AWS layers may import.
 */
const layer = (name, alias, folder) => ({ name, regex: `^(${alias}|(\\.\\./)+(shared/)?${folder})(/|$)` });
const LAYERS = {
  model: layer('shared/model', '#model', 'model'),
  store: layer('shared/store', '#store', 'store'),
  mail: layer('shared/mail', '#mail', 'mail'),
  domain: layer('shared/domain', '#domain', 'domain'),
  routes: layer('shared/routes', '#routes', 'routes'),
  http: layer('shared/http', '#http', 'http'),
  functions: { name: 'functions/', regex: '^(\\.\\./)+functions(/|$)' },
  infra: { name: 'infra/', regex: '^(\\.\\./)+infra(/|$)' },
  local: { name: 'local/', regex: '^(#local|(\\.\\./)+local)(/|$)' },
  leaves: { name: 'errors, logger, metrics', regex: '^(#errors|#logger|#metrics|(\\.\\./)+(errors|logger|metrics))(/|$)' },
};
const AWS_SDK = { regex: '^(@aws-sdk/|#s3$|#sigv4$|(\\.\\./)+(shared/)?(s3|sigv4)$)', message: 'Only shared/store and shared/mail talk to AWS SDK clients and S3.' };

/** `below`: the layer of the files; `forbidden`: the layers they may not import; `types`: layers whose types only they may import. */
const imports = (below, forbidden, { types = [], sdk = false } = {}) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        ...forbidden.map((l) => ({ regex: LAYERS[l].regex, message: `${below} may not import ${LAYERS[l].name}: imports only go down the layers (eslint.config.js).` })),
        ...types.map((l) => ({ regex: LAYERS[l].regex, allowTypeImports: true, message: `${below} may import only types from ${LAYERS[l].name}: handlers call the domain, not the store.` })),
        ...(sdk ? [] : [AWS_SDK]),
      ],
    },
  ],
});

/** The web apps (portal/, console/) and what they share (web/) call the API over HTTP: no backend module in a browser bundle. */
const BACKEND = { regex: '^(#|(\\.\\./)+(shared|functions|infra|local|scripts)(/|$))', message: 'The web apps call the API over HTTP: no backend code in a browser bundle (eslint.config.js).' };
const WEB_SHARED = { regex: '^(\\.\\./)+(portal|console)(/|$)', message: 'web/ is shared by the portal and the console: it imports neither (eslint.config.js).' };
const frontEnd = (...more) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: [BACKEND, ...more] }] });

const ABOVE_STORE = ['domain', 'routes', 'http', 'functions', 'infra', 'local'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.data/**', 'bench/bundles/**', 'coverage/**', 'portal/dist/**', 'console/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // A file a reader takes in at once (STYLE.md): split by what it holds beyond this.
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },
  { files: ['shared/model/**/*.ts'], rules: imports('shared/model', ['leaves', 'store', 'mail', ...ABOVE_STORE]) },
  { files: ['shared/errors.ts', 'shared/logger.ts', 'shared/metrics/**/*.ts'], rules: imports('a leaf', ['model', 'store', 'mail', ...ABOVE_STORE]) },
  { files: ['shared/s3.ts', 'shared/sigv4.ts'], rules: imports('a leaf', ['model', 'leaves', 'store', 'mail', ...ABOVE_STORE], { sdk: true }) },
  { files: ['shared/store/**/*.ts'], rules: imports('shared/store', ['mail', ...ABOVE_STORE], { sdk: true }) },
  { files: ['shared/mail/**/*.ts'], rules: imports('shared/mail', ['store', ...ABOVE_STORE], { sdk: true }) },
  { files: ['shared/domain/**/*.ts'], rules: imports('shared/domain', ['routes', 'http', 'functions', 'infra', 'local']) },
  { files: ['shared/routes/**/*.ts'], rules: imports('shared/routes', ['store', 'mail', 'domain', 'http', 'functions', 'infra', 'local']) },
  { files: ['shared/http/**/*.ts'], rules: imports('shared/http', ['mail', 'functions', 'infra', 'local'], { types: ['store'] }) },
  { files: ['functions/**/*.ts'], rules: imports('functions/', ['mail', 'infra', 'local'], { types: ['store'] }) },
  { files: ['portal/**/*.ts', 'console/**/*.ts'], rules: frontEnd() },
  { files: ['web/**/*.ts'], rules: frontEnd(WEB_SHARED) },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
