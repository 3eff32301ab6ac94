import { ApiError, NetworkError } from '../../api/http';

/** What went wrong with a sign-in, and how long to wait before the next try (a 429). */
export interface SignInProblem {
  readonly message: string;
  readonly waitSeconds: number;
}

export function signInProblem(error: unknown): SignInProblem {
  if (error instanceof ApiError && error.status === 401) return { message: 'Wrong email or password', waitSeconds: 0 };
  if (error instanceof ApiError && error.status === 429) {
    const fromMessage = /(\d+)\s*s\b/.exec(error.message)?.[1];
    return { message: '', waitSeconds: error.retryAfterSeconds ?? (fromMessage ? Number(fromMessage) : 30) };
  }
  if (error instanceof NetworkError) return { message: error.message, waitSeconds: 0 };
  return { message: error instanceof Error ? error.message : String(error), waitSeconds: 0 };
}

export function waitMessage(seconds: number): string {
  return `Too many failed sign-ins: try again in ${seconds} s`;
}
