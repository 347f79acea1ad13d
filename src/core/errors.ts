/**
 * An expected failure caused by the request (empty question, unknown story, paragraph out
 * of range). Its message is meant for the person who asked and is shown as is.
 */
export class UserError extends Error {
  override name = 'UserError';
}
