import { bodyTypeRefusal } from './body-type.js';

const request = (headers: Record<string, string>) => ({ header: (name: string) => headers[name.toLowerCase()] });

describe('bodyTypeRefusal', () => {
  it.each([
    ['JSON', { 'content-type': 'application/json', 'content-length': '2' }],
    ['JSON with a charset', { 'content-type': 'application/json; charset=utf-8', 'content-length': '2' }],
    ['JSON in capitals', { 'content-type': 'Application/JSON', 'content-length': '2' }],
    ['no body and no Content-Type', {}],
    ['an empty body without Content-Type', { 'content-length': '0' }],
  ])('lets %s reach a JSON route', (_what, headers) => {
    expect(bodyTypeRefusal(request(headers), ['json'])).toBeNull();
  });

  it.each([
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' }],
    ['text/plain', { 'content-type': 'text/plain', 'content-length': '2' }],
    ['text/plain without a body', { 'content-type': 'text/plain', 'content-length': '0' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '20' }],
  ])('refuses %s on a JSON route, naming what it expects', (_what, headers) => {
    expect(bodyTypeRefusal(request(headers), ['json'])).toMatch(/^Content-Type '.+' is not accepted here: expected application\/json$/);
  });

  it('refuses a body without a Content-Type', () => {
    expect(bodyTypeRefusal(request({ 'content-length': '2' }), ['json'])).toBe('a request body needs Content-Type application/json');
    expect(bodyTypeRefusal(request({ 'transfer-encoding': 'chunked' }), ['multipart'])).toBe('a request body needs Content-Type multipart/form-data');
  });

  it('takes only the declared types on a route that declares them', () => {
    expect(bodyTypeRefusal(request({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': '20' }), ['multipart'])).toBeNull();
    expect(bodyTypeRefusal(request({ 'content-type': 'application/json', 'content-length': '2' }), ['multipart'])).toMatch(/expected multipart\/form-data$/);
    expect(bodyTypeRefusal(request({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' }), ['json', 'urlencoded'])).toBeNull();
    expect(bodyTypeRefusal(request({ 'content-type': 'text/plain', 'content-length': '3' }), ['json', 'urlencoded'])).toMatch(/expected application\/json or application\/x-www-form-urlencoded$/);
  });
});
