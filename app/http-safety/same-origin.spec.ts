import { crossSiteRefusal, type RequestOrigin } from './same-origin.js';

const request = (headers: Record<string, string>, protocol = 'http', host = 'crm.example:3000'): RequestOrigin => ({
  protocol,
  host,
  header: (name) => headers[name.toLowerCase()],
});

describe('crossSiteRefusal', () => {
  describe('with the session cookie', () => {
    it.each([
      ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
      ['Sec-Fetch-Site: none (typed by the user)', { 'sec-fetch-site': 'none' }],
      ['our Origin (no Sec-Fetch-Site: an older browser)', { origin: 'http://crm.example:3000' }],
      ['our Origin, spelled in another case', { origin: 'HTTP://CRM.EXAMPLE:3000' }],
      ['our Referer when there is no Origin', { referer: 'http://crm.example:3000/tasklist?x=1' }],
    ])('lets %s through', (_what, headers) => {
      expect(crossSiteRefusal(request(headers), true)).toBeNull();
    });

    it.each([
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'http://crm.example:3000' }, /another site sent it \(Sec-Fetch-Site: cross-site\)/],
      ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, /Sec-Fetch-Site: same-site/],
      ['a foreign Origin', { origin: 'https://evil.example' }, /comes from 'https:\/\/evil.example', not from http:\/\/crm.example:3000/],
      ['another port of our host', { origin: 'http://crm.example:4000' }, /not from http:\/\/crm.example:3000/],
      ['the other scheme', { origin: 'https://crm.example:3000' }, /not from http:\/\/crm.example:3000/],
      ['Origin: null (a sandboxed frame, a file)', { origin: 'null' }, /an opaque origin \('null'\)/],
      ['a foreign Referer', { referer: 'https://evil.example/page' }, /sent from a page of https:\/\/evil.example/],
      ['no evidence at all', {}, /neither Sec-Fetch-Site, Origin nor Referer/],
    ])('refuses %s', (_what, headers, why) => {
      expect(crossSiteRefusal(request(headers), true)).toMatch(why);
    });

    it('compares with the scheme and host the server sees (behind a trusted proxy: the forwarded ones)', () => {
      expect(crossSiteRefusal(request({ origin: 'https://crm.example' }, 'https', 'crm.example'), true)).toBeNull();
      expect(crossSiteRefusal(request({ origin: 'https://crm.example:443' }, 'https', 'crm.example'), true)).toBeNull();
    });
  });

  describe('without the session cookie (API clients, signing in)', () => {
    it('lets requests without any browser evidence through: curl, the Modeler, workers', () => {
      expect(crossSiteRefusal(request({}), false)).toBeNull();
      expect(crossSiteRefusal(request({ referer: 'https://elsewhere.example/' }), false)).toBeNull();
    });

    it('refuses what a browser says another site sent (login CSRF, remembered HTTP Basic)', () => {
      expect(crossSiteRefusal(request({ 'sec-fetch-site': 'cross-site' }), false)).toMatch(/Sec-Fetch-Site: cross-site/);
      expect(crossSiteRefusal(request({ origin: 'https://evil.example' }), false)).toMatch(/evil.example/);
      expect(crossSiteRefusal(request({ 'sec-fetch-site': 'same-origin' }), false)).toBeNull();
    });
  });
});
