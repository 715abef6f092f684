import { CustomErrorBase } from '@backstage/errors';

const HTTP_ERROR_NAMES = {
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
} as const;

/**
 * An upload refused for its content; the backend's error handler answers
 * with `statusCode` and Backstage's error body, which names the rule.
 */
export class RejectedError extends CustomErrorBase {
  readonly statusCode: 413 | 415 | 422;
  readonly rule: string;

  constructor(statusCode: 413 | 415 | 422, rule: string, message: string) {
    super(message);
    this.name = HTTP_ERROR_NAMES[statusCode];
    this.statusCode = statusCode;
    this.rule = rule;
  }
}
