import type { BrowserContext, ConsoleMessage, Request, Response } from 'playwright-core';

/**
 * A quiet console: every page of every context the specs open is watched for console errors,
 * uncaught exceptions, answers with a status of 400 or more and requests that failed. Each test
 * fails that saw one, unless the test allowed it beforehand, with the reason, through allowProblem.
 */

interface Problem {
  readonly text: string;
  /** the page (frame) it happened on */
  readonly pageUrl: string;
  /** the request's method and URL, for answers, failed requests and the console's "Failed to load resource" */
  readonly request?: { readonly method?: string; readonly url: string; readonly status?: number };
}

/** a deliberately provoked error answer, e.g. the 401 of a sign-in with a wrong password */
export interface AllowedAnswer {
  readonly status: number;
  readonly method: string;
  /** the URL's path, or a pattern for path and query */
  readonly path: string | RegExp;
  /** why the test provokes it: required, so an allowance reads as a decision */
  readonly reason: string;
}

/** every problem on the pages of another site the test serves on purpose (an attacker's page) */
export interface AllowedPage {
  /** the URL the page's address starts with */
  readonly pageUrl: string;
  readonly reason: string;
}

const seen: Problem[] = [];
/** the status of requests that were answered, for a body that failed after an error answer */
const answered = new WeakMap<Request, number>();
const allowed: AllowedAnswer[] = [];
const allowedPages: AllowedPage[] = [];

/** lets the current test (only) provoke this answer, and the console line Chromium writes for it */
export function allowProblem(answer: AllowedAnswer): void {
  if (answer.reason.trim() === '') throw new Error('Expected a reason for allowing a browser problem');
  allowed.push(answer);
}

/** lets the current test (only) have a page of another site misbehave: what it logs and what the browser refuses it */
export function allowProblemsOnPage(page: AllowedPage): void {
  if (page.reason.trim() === '') throw new Error('Expected a reason for allowing a browser problem');
  allowedPages.push(page);
}

function pathMatches(url: string, path: string | RegExp): boolean {
  const { pathname, search } = new URL(url);
  return typeof path === 'string' ? pathname === path : path.test(`${pathname}${search}`);
}

function isAllowed(problem: Problem): boolean {
  if (allowedPages.some((p) => problem.pageUrl.startsWith(p.pageUrl))) return true;
  const request = problem.request;
  if (!request || request.status === undefined) return false;
  return allowed.some((a) => a.status === request.status && (request.method === undefined || a.method === request.method) && pathMatches(request.url, a.path));
}

/** Chromium's own console line for an error answer: "Failed to load resource: the server responded with a status of 401 (Unauthorized)" */
const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d+)/;

function onConsole(message: ConsoleMessage): void {
  if (message.type() !== 'error') return;
  const text = message.text();
  const where = message.location().url;
  const failed = FAILED_RESOURCE.exec(text);
  seen.push({ text: `console error: ${text} (${where || message.page()?.url() || 'no page'})`, pageUrl: message.page()?.url() ?? '', ...(failed && where ? { request: { url: where, status: Number(failed[1]) } } : {}) });
}

function onResponse(response: Response): void {
  if (response.status() < 400) return;
  const request = response.request();
  answered.set(request, response.status());
  seen.push({ text: `${response.status()} ${request.method()} ${response.url()}`, pageUrl: pageOf(request), request: { method: request.method(), url: response.url(), status: response.status() } });
}

function onRequestFailed(request: Request): void {
  // a request the page cancels (leaving for another page, a newer query replacing an older) has not failed
  if (request.failure()?.errorText === 'net::ERR_ABORTED' && !answered.has(request)) return;
  const status = answered.get(request);
  seen.push({
    text: `request failed (${request.failure()?.errorText ?? 'unknown'}): ${request.method()} ${request.url()}`,
    pageUrl: pageOf(request),
    request: { method: request.method(), url: request.url(), ...(status === undefined ? {} : { status }) },
  });
}

/** the address of the page that sent the request (a service worker's requests have none) */
function pageOf(request: Request): string {
  try {
    return request.frame().page().url();
  } catch {
    return '';
  }
}

export function watchBrowserProblems(context: BrowserContext): void {
  context.on('console', onConsole);
  context.on('weberror', (error) => seen.push({ text: `uncaught: ${error.error().stack ?? error.error().message} (${error.page()?.url() ?? 'no page'})`, pageUrl: error.page()?.url() ?? '' }));
  context.on('response', onResponse);
  context.on('requestfailed', onRequestFailed);
}

/** fails the test if its pages saw a problem it did not allow; the allowances end with the test */
export function expectQuietBrowser(): void {
  const problems = seen.splice(0).filter((problem) => !isAllowed(problem));
  allowed.splice(0);
  allowedPages.splice(0);
  if (problems.length > 0) {
    throw new Error(`Expected no console errors and no failed requests, but the browser reported ${problems.length}:\n${problems.map((p) => p.text).join('\n')}`);
  }
}
