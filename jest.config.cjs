/** Jest: swc transforms TypeScript and the ESM-only packages (middy, jose). One DynamoDB Local for the run. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|postal-mime|jira\\.js|openid-client|oauth4webapi)/)'],
  moduleNameMapper: {
    // jira.js (a published JSM client the tests drive) ships ESM with import-only exports.
    '^jira\\.js/(serviceDesk|core)$': '<rootDir>/node_modules/jira.js/dist/$1/index.js',
    '^@middy/([^/]+)$': '<rootDir>/node_modules/@middy/$1/index.js',
    '^#errors$': '<rootDir>/shared/errors',
    '^#logger$': '<rootDir>/shared/logger',
    '^#s3$': '<rootDir>/shared/s3',
    '^#sigv4$': '<rootDir>/shared/sigv4',
    '^#model/(.*)$': '<rootDir>/shared/model/$1',
    '^#routes/(.*)$': '<rootDir>/shared/routes/$1',
    '^#http/(.*)$': '<rootDir>/shared/http/$1',
    '^#domain/(.*)$': '<rootDir>/shared/domain/$1',
    '^#store/(.*)$': '<rootDir>/shared/store/$1',
    '^#mail/(.*)$': '<rootDir>/shared/mail/$1',
    '^#metrics/(.*)$': '<rootDir>/shared/metrics/$1',
    '^#local/(.*)$': '<rootDir>/local/$1',
    '^#harness/(.*)$': '<rootDir>/test/harness/$1',
  },
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
