import { CodedError } from '../errors/coded-error.js';

/** A timer definition (date, duration, cycle or retry cycle) that cannot be understood: a modelling error. */
export class TimerDefinitionError extends CodedError {
  readonly code = 'ENGINE_TIMER_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'TimerDefinitionError';
  }
}

const MAX_QUOTED_LENGTH = 100;

/** The offending text for a message, shortened so a huge expression result cannot flood the logs. */
export function quoteForMessage(text: string): string {
  const shortened = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}...` : text;
  return `'${shortened}'`;
}
