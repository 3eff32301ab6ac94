import type { Browser } from 'playwright-core';

const violations: string[] = [];

/** logs what the policy blocked, also where Chromium would not say it on the console itself */
const REPORT_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code') + ' at ' + event.sourceFile + ':' + event.lineNumber));`;

/**
 * Collects every Content Security Policy violation in the pages of the browser's contexts
 * (browser.newPage() makes its context through newContext as well).
 */
export function watchContentSecurityPolicy(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript({ content: REPORT_VIOLATIONS });
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${message.page()?.url() ?? '(no page)'}: ${message.text()}`);
    });
    return context;
  };
}

/** fails the test that caused a violation: the web app must work under the policy the server sends */
export function expectNoCspViolations(): void {
  const seen = violations.splice(0);
  if (seen.length > 0) throw new Error(`Expected no Content Security Policy violations, but the browser reported ${seen.length}:\n${seen.join('\n')}`);
}
