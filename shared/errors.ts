/**
 * One error type per kind, mapped to HTTP once (in the handler's error middleware) and rendered in the JSM
 * shape. Messages of errors below 500 are shown to the caller; anything else becomes a bare 500.
 */
export interface JsmErrorBody {
  errorMessage: string;
  i18nErrorMessage: { i18nKey: string; parameters: string[] };
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly i18nKey: string,
    readonly parameters: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): JsmErrorBody {
    return { errorMessage: this.message, i18nErrorMessage: { i18nKey: this.i18nKey, parameters: this.parameters } };
  }
}

export class BadRequest extends HttpError {
  constructor(message: string, i18nKey = 'sd.error.bad.request', parameters: string[] = []) {
    super(400, message, i18nKey, parameters);
  }
}

export class Unauthorized extends HttpError {
  constructor(message = 'Authentication is required: use Basic email:apiToken') {
    super(401, message, 'sd.error.unauthorized', [], { 'www-authenticate': 'Basic realm="service desk", charset="UTF-8"' });
  }
}

export class Forbidden extends HttpError {
  constructor(message = 'You do not have permission to do this') {
    super(403, message, 'sd.error.forbidden');
  }
}

export class NotFound extends HttpError {
  constructor(message = 'Not found', i18nKey = 'sd.error.not.found') {
    super(404, message, i18nKey);
  }
}

export class MethodNotAllowed extends HttpError {
  constructor() {
    super(405, 'Method not allowed', 'sd.error.method.not.allowed');
  }
}

export class Conflict extends HttpError {
  constructor(message: string, i18nKey = 'sd.error.conflict', parameters: string[] = []) {
    super(409, message, i18nKey, parameters);
  }
}

/**
 * A lost update: the item changed between the read and the write guarded by the version that was read. Nothing was
 * written; reading again and retrying is safe.
 */
export class LostUpdate extends Conflict {
  constructor(message = 'It was changed by someone else meanwhile; read it again and retry') {
    super(message, 'sd.error.version.conflict');
  }
}

/** A claim (an email, a name, a key, a domain) is already held by another item. */
export class ClaimHeld extends Conflict {}

/** An item the write depends on no longer exists (or is being deleted). */
export class ItemMissing extends NotFound {}

export class PayloadTooLarge extends HttpError {
  constructor(limitBytes: number, what = 'The request body') {
    super(413, `${what} is larger than ${limitBytes} bytes`, 'sd.error.payload.too.large', [String(limitBytes)]);
  }
}

export class UnsupportedMediaType extends HttpError {
  constructor(message = 'The request body must be JSON (Content-Type: application/json)') {
    super(415, message, 'sd.error.unsupported.media.type');
  }
}

export class TooManyRequests extends HttpError {
  constructor(message = 'Too many requests, try again later', retryAfterSeconds = 60) {
    super(429, message, 'sd.error.too.many.requests', [], { 'retry-after': String(retryAfterSeconds) });
  }
}

/** Contention or throttling that retries did not outlast: the caller may try again shortly, nothing was written. */
export class ServiceUnavailable extends HttpError {
  constructor(message = 'The service is busy right now; try again in a moment', retryAfterSeconds = 1) {
    super(503, message, 'sd.error.service.unavailable', [], { 'retry-after': String(retryAfterSeconds) });
  }
}

/** Other transactions kept colliding with this one on the same items: nothing was written; read again and retry. */
export class StillContended extends ServiceUnavailable {}

export const internalErrorBody = (): JsmErrorBody => ({
  errorMessage: 'Internal server error',
  i18nErrorMessage: { i18nKey: 'sd.error.internal', parameters: [] },
});
