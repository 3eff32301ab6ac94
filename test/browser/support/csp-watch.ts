import type { BrowserContext } from 'playwright-core';

const violations: string[] = [];

/** logs what the policy blocked, also where Chromium would not say it on the console itself */
const REPORT_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code') + ' at ' + event.sourceFile + ':' + event.lineNumber));`;

/** Collects every Content Security Policy violation in the context's pages. */
export async function watchContentSecurityPolicy(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: REPORT_VIOLATIONS });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${message.page()?.url() ?? '(no page)'}: ${message.text()}`);
  });
}

/** fails the test that caused a violation: the web app must work under the policy the server sends */
export function expectNoCspViolations(): void {
  const seen = violations.splice(0);
  if (seen.length > 0) throw new Error(`Expected no Content Security Policy violations, but the browser reported ${seen.length}:\n${seen.join('\n')}`);
}
