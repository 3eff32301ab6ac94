import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogging } from '../logging/logging.js';
import { logLines } from '../../test/support/log-lines.js';
import { loggerOptions, redactUrl } from './request-log.js';

const SESSION = 'c2Vzc2lvbi10b2tlbi10aGF0LW11c3Qtbm90LWxlYWs';
const BASIC = `Basic ${Buffer.from('ada:correct horse battery staple').toString('base64')}`;
const RESET_TOKEN = 'reset-7f3a9c1e2b';

describe('the request log', () => {
  let server: Server;
  let url: string;
  const { stream, lines } = logLines();

  beforeAll(async () => {
    const { requestMiddleware } = createLogging({ level: 'info', pretty: false, stream });
    server = createServer((req, res) => {
      requestMiddleware(req, res, () => {
        res.setHeader('Set-Cookie', `crm_session=${SESSION}; HttpOnly`);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('never holds cookies, Authorization, API keys, Set-Cookie or secret query values', async () => {
    await fetch(`${url}/api/password-resets?token=${RESET_TOKEN}&email=ada%40crm.test&api_key=k-123&newPassword=hunter2`, {
      headers: { cookie: `theme=dark; crm_session=${SESSION}`, authorization: BASIC, 'x-api-key': 'k-456', 'proxy-authorization': BASIC },
    });
    const deadline = Date.now() + 5000;
    while (lines.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const text = lines.join('\n');
    expect(text).toContain('/api/password-resets');
    for (const secret of [SESSION, BASIC, BASIC.slice(6), RESET_TOKEN, 'k-123', 'k-456', 'hunter2', 'theme=dark']) expect(text).not.toContain(secret);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry['url']).toBe('/api/password-resets?token=[Redacted]&email=ada%40crm.test&api_key=[Redacted]&newPassword=[Redacted]');
    expect(entry).not.toHaveProperty('req');
    expect(entry).not.toHaveProperty('res');
  });

  it('blanks password and token fields wherever a log line carries them', () => {
    const options = loggerOptions({ level: 'info', pretty: false });
    expect(options.redact).toMatchObject({ paths: expect.arrayContaining(['req.body.password', '*.currentPassword', 'token', '*.secret']) });
  });
});

describe('redactUrl', () => {
  it.each([
    ['/engine-rest/task?assignee=ada', '/engine-rest/task?assignee=ada'],
    ['/x?password=a&businessKey=b', '/x?password=[Redacted]&businessKey=b'],
    ['/x?access_token=a&Authorization=b&session=c&code=d', '/x?access_token=[Redacted]&Authorization=[Redacted]&session=[Redacted]&code=[Redacted]'],
    ['/x?%74oken=a', '/x?%74oken=[Redacted]'],
    ['/x?token[0]=a&apiKey=b', '/x?token[0]=[Redacted]&apiKey=[Redacted]'],
    ['/x?%E0%A4%A=bad&token=a', '/x?%E0%A4%A=bad&token=[Redacted]'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
