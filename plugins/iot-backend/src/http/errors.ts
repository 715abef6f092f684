import { CustomErrorBase } from '@backstage/errors';
import { SpecGraphProblem } from '@internal/backstage-plugin-iot-common';
import express from 'express';

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

/**
 * A write made against a state that has changed since (`If-Match` no longer
 * matches); the backend's error handler answers 412.
 */
export class PreconditionFailedError extends CustomErrorBase {
  readonly statusCode = 412;

  constructor(message: string) {
    super(message);
    this.name = 'PreconditionFailedError';
  }
}

/**
 * Answers with Backstage's error body and, beside `error`, every problem of
 * a dependency graph. Thrown errors cannot carry them there: the backend's
 * error handler serializes only the error.
 */
export function sendGraphProblems(
  req: express.Request,
  res: express.Response,
  answer: {
    statusCode: 400 | 409 | 422;
    name: string;
    message: string;
    rule?: string;
    problems: SpecGraphProblem[];
  },
): void {
  const { statusCode, name, message, rule, problems } = answer;
  res.status(statusCode).json({
    error: { name, message, ...(rule ? { rule } : {}) },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode },
    problems,
  });
}
