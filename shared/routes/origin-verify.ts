/**
 * CloudFront -> API: the header by which the API knows a request came through CloudFront (and its WAF). HTTP APIs
 * have no resource policy, and switching the execute-api endpoint off would cut CloudFront off too (it needs a
 * custom domain); so CloudFront adds this header with a value unique to the deployment, and the API functions
 * (shared/http/handler.ts) refuse requests that lack it. Locally the value is unset and nothing is checked. A leaf,
 * read by infra and by the handlers.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
/** The functions' environment variable holding the expected value. */
export const ORIGIN_VERIFY_ENV = 'ORIGIN_VERIFY';
