import { request as httpRequest } from 'node:http';
import { bpmn, flows } from '../../../engine/testing/bpmn-fixture.js';
import { RestClient, expectErrorBody, type RestResponse } from '../../support/rest-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

// a loaded 2-core machine: attacks, uploads and a real database take their time

/**
 * How long /health may take while an attack is in flight: generous for a loaded 2-core machine,
 * since the attacks are sized so that unguarded code stalls far longer (minutes to forever).
 */
const RESPONSIVE_MS = 5000;

const regexModel = bpmn('hostile_regex', `
  <startEvent id="start"/>
  <exclusiveGateway id="check"/>
  <endEvent id="matched"/>
  <endEvent id="unmatched"/>
  <sequenceFlow id="f0" sourceRef="start" targetRef="check"/>
  <sequenceFlow id="yes" sourceRef="check" targetRef="matched"><conditionExpression>=matches(text, pattern)</conditionExpression></sequenceFlow>
  <sequenceFlow id="no" sourceRef="check" targetRef="unmatched"><conditionExpression>=not(matches(text, pattern))</conditionExpression></sequenceFlow>`);

const scriptModel = bpmn('hostile_script', `
  <startEvent id="start"/>
  <scriptTask id="compute" scriptFormat="feel" camunda:resultVariable="result"><script>count(for x in 1..n return x)</script></scriptTask>
  <scriptTask id="grow" scriptFormat="juel" camunda:resultVariable="grown"><script>\${s.replace('', s)}</script></scriptTask>
  <userTask id="review"/>
  <endEvent id="end"/>
  ${flows('start', 'compute', 'grow', 'review', 'end')}`);

const attributes = (count: number) => Array.from({ length: count }, (_, i) => ` a${i}="x"`).join('');
const deepText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('hostile input: refused with a 4xx, nothing changed, the service stays responsive', () => {
  let app: TestApp;
  let api: RestClient;
  let crm: RestClient;

  const counts = async () => ({
    instances: (await api.get('/history/process-instance/count')).body.count,
    deployments: (await api.get('/deployment/count')).body.count,
    deals: (await crm.get('/deals')).body.total,
  });

  /** runs the attack while /health is polled one request after the other; the slowest answer counts */
  async function duringAttack<T>(attack: () => Promise<T>): Promise<{ result: T; slowestHealthMs: number }> {
    let done = false;
    const pending = attack().finally(() => {
      done = true;
    });
    let slowestHealthMs = 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
    while (!done) {
      const started = performance.now();
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
    }
    return { result: await pending, slowestHealthMs };
  }

  beforeAll(async () => {
    app = await startTestApp();
    api = new RestClient(app.rest, app.adminAuth);
    crm = new RestClient(`${app.url}/api`, app.adminAuth);
    expect((await api.deploy([{ name: 'regex.bpmn', content: regexModel }, { name: 'script.bpmn', content: scriptModel }])).status).toBe(200);
  });
  afterAll(() => app.close());

  describe('expressions', () => {
    it('evaluates a catastrophic regular expression in linear time while /health answers', async () => {
      const before = await counts();
      const start = () => api.post('/process-definition/key/hostile_regex/start', { variables: { text: { value: `${'a'.repeat(40)}!`, type: 'String' }, pattern: { value: '(a+)+$', type: 'String' } } });
      const { result, slowestHealthMs } = await duringAttack(start);
      expect(result.status).toBe(200);
      expect(slowestHealthMs).toBeLessThan(RESPONSIVE_MS);
      expect((await counts()).instances).toBe(before.instances + 1);
    });

    it('refuses a backreference with a 400 naming the element, and starts nothing', async () => {
      const before = await counts();
      const response = await api.post('/process-definition/key/hostile_regex/start', { variables: { text: { value: 'aa', type: 'String' }, pattern: { value: '(a)\\1', type: 'String' } } });
      expectErrorBody(response, 400);
      expect(response.body.message).toMatch(/'(yes|no)'.*RE2 syntax/);
      expect(await counts()).toEqual(before);
    });

    it('refuses a huge FEEL range and an exploding JUEL replace with a 400, and starts nothing', async () => {
      const before = await counts();
      const { result: range, slowestHealthMs } = await duringAttack(() => api.post('/process-definition/key/hostile_script/start', { variables: { n: { value: 2_000_000, type: 'Integer' }, s: { value: 'x', type: 'String' } } }));
      expectErrorBody(range, 400);
      expect(range.body.message).toContain("'compute'");
      expect(range.body.message).toContain('at most 100000 elements');
      expect(slowestHealthMs).toBeLessThan(RESPONSIVE_MS);
      const replace = await api.post('/process-definition/key/hostile_script/start', { variables: { n: { value: 3, type: 'Integer' }, s: { value: 'x'.repeat(5000), type: 'String' } } });
      expectErrorBody(replace, 400);
      expect(replace.body.message).toContain("'grow'");
      expect(replace.body.message).toContain('replace() to build a string');
      expect(await counts()).toEqual(before);
    });
  });

  describe('models', () => {
    it('refuses a model with 200,000 attributes before parsing it, while /health answers', async () => {
      const before = await counts();
      const wide = bpmn('hostile_wide', `<startEvent id="start"${attributes(200_000)}/><endEvent id="end"/>${flows('start', 'end')}`);
      const { result, slowestHealthMs } = await duringAttack(() => api.deploy([{ name: 'wide.bpmn', content: wide }]));
      expectErrorBody(result, 400, 'ParseException');
      expect(result.body.message).toContain('Expected at most 100 attributes on an element');
      expect(slowestHealthMs).toBeLessThan(RESPONSIVE_MS);
      expect(await counts()).toEqual(before);
    });

    it('refuses deep XML nesting and a deep .form with a 400 ParseException', async () => {
      const before = await counts();
      const deep = bpmn('hostile_deep', `<startEvent id="start"><extensionElements>${'<x:a xmlns:x="urn:x">'.repeat(50_000)}${'</x:a>'.repeat(50_000)}</extensionElements></startEvent>`);
      const xml = await api.deploy([{ name: 'deep.bpmn', content: deep }]);
      expectErrorBody(xml, 400, 'ParseException');
      expect(xml.body.message).toContain('nested at most 100 deep');
      const form = await api.deploy([{ name: 'deep.form', content: `{"id": "f", "components": [${deepText(50_000)}]}` }, { name: 'ok.bpmn', content: regexModel }]);
      expectErrorBody(form, 400, 'ParseException');
      expect(form.body.message).toContain("form's JSON nested at most 100 deep");
      expect(await counts()).toEqual(before);
    });
  });

  describe('variables and JSON bodies', () => {
    it('refuses a 5,000-deep Json variable with a 400 naming it, sent as text or as a value', async () => {
      const before = await counts();
      const asText = await api.post('/process-definition/key/hostile_regex/start', { variables: { order: { value: deepText(5000), type: 'Json' } } });
      expectErrorBody(asText, 400);
      expect(asText.body.message).toContain("variable 'order'");
      const asValue = await api.raw('POST', '/process-definition/key/hostile_regex/start', `{"variables": {"order": {"type": "Json", "value": ${deepText(5000)}}}}`);
      expectErrorBody(asValue, 400);
      expect(asValue.body.message).toContain('variables.order.value');
      expect(await counts()).toEqual(before);
    });

    it('answers a deeply nested CRM API body with a 400, never a 500', async () => {
      const before = await counts();
      const response = await crm.raw('POST', '/deals', `{"title": "Deep", "extra": ${deepText(5000)}}`);
      expectErrorBody(response, 400);
      expect(await counts()).toEqual(before);
    });

    it('keeps a 1 MiB String variable round-tripping', async () => {
      const value = 'x'.repeat(1024 * 1024);
      const started = await api.post('/process-definition/key/hostile_script/start', { variables: { n: { value: 3, type: 'Integer' }, s: { value: 'ok', type: 'String' }, blob: { value, type: 'String' } } });
      expect(started.status).toBe(200);
      const read = await api.get(`/process-instance/${started.body.id}/variables/blob`);
      expect(read.body).toEqual({ value, type: 'String', valueInfo: {} });
    });
  });

  describe('NUL characters', () => {
    it('are refused with a 400 naming where they were found, wherever they come', async () => {
      const before = await counts();
      const answers: string[] = [];
      const check = async (label: string, response: Promise<RestResponse>, where: string) => {
        const { status, body } = await response;
        answers.push(`${label}: ${status} ${String(body?.message).includes(where) ? 'names it' : `does not name '${where}': ${String(body?.message)}`}`);
      };
      await check('query', api.get('/task?assignee=a%00b'), "'assignee'");
      await check('path', api.get('/task/a%00b'), 'path');
      await check('body string', api.post('/process-definition/key/hostile_regex/start', { businessKey: 'bk\u0000' }), "'businessKey'");
      await check('variable', api.post('/process-definition/key/hostile_regex/start', { variables: { note: { value: 'a\u0000b', type: 'String' } } }), "'variables.note.value'");
      await check('body key', api.post('/process-definition/key/hostile_regex/start', { variables: { 'no\u0000te': { value: 'x', type: 'String' } } }), 'variables.no');
      await check('resource', api.deploy([{ name: 'nul.bpmn', content: regexModel.replace('hostile_regex', 'hostile_nul').replace('<startEvent', '<!-- \u0000 --><startEvent') }]), 'NUL');
      await check('deployment field', api.deploy([{ name: 'ok.bpmn', content: regexModel }], { 'deployment-name': 'n\u0000' }), "'deployment-name'");
      await check('CRM query', crm.get('/deals?q=%00'), "'q'");
      expect(answers).toEqual(answers.map((a) => a.replace(/: .*/, ': 400 names it')));
      expect(await counts()).toEqual(before);
    });
  });

  describe('keys looked up by name', () => {
    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses sortBy=%s with a 400 naming the parameter and the allowed values', async (key) => {
      const engine = await api.get(`/task?sortBy=${key}&sortOrder=asc`);
      expectErrorBody(engine, 400);
      expect(engine.body.message).toContain(`'sortBy' to value '${key}': expected one of`);
      const body = await api.post('/process-instance', { sorting: [{ sortBy: key, sortOrder: 'desc' }] });
      expectErrorBody(body, 400);
      const crmList = await crm.get(`/deals?sort=-${key}`);
      expectErrorBody(crmList, 400);
      expect(crmList.body.message).toContain(`cannot sort by '${key}', expected one of`);
      const timeline = await crm.get(`/${key}/00000000-0000-4000-8000-000000000000/timeline`);
      expect(timeline.status).toBe(404);
    });
  });

  describe('upload and body sizes', () => {
    /**
     * streams a body of `total` bytes in 1 MiB chunks, `paceMs` apart; resolves with the status and
     * how much was sent when the answer came
     */
    function upload(path: string, total: number, declareLength: boolean, contentType: string, head: string, tail: string, paceMs = 0): Promise<{ status: number; sent: number; body: string }> {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string | number> = { ...app.adminAuth, 'content-type': contentType };
        if (declareLength) headers['content-length'] = total;
        const req = httpRequest(`${app.url}${path}`, { method: 'POST', headers });
        let sent = 0;
        let answered = false;
        req.on('response', (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, sent, body: Buffer.concat(chunks).toString('utf8') });
            req.destroy();
          });
        });
        req.on('error', (error) => (answered ? undefined : reject(error)));
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        const filler = total - head.length - tail.length;
        const write = () => {
          if (answered) return;
          if (sent === 0) {
            sent += head.length;
            req.write(head);
          }
          if (sent < head.length + filler) {
            const size = Math.min(chunk.length, head.length + filler - sent);
            sent += size;
            const next = () => (paceMs > 0 ? setTimeout(write, paceMs) : setImmediate(write));
            if (req.write(size === chunk.length ? chunk : chunk.subarray(0, size))) next();
            else req.once('drain', next);
            return;
          }
          sent += tail.length;
          req.end(tail);
        };
        write();
      });
    }

    /** a small body sent in chunks without Content-Length */
    function postChunked(path: string, contentType: string, parts: readonly string[]): Promise<number> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(`${app.url}${path}`, { method: 'POST', headers: { ...app.adminAuth, 'content-type': contentType } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        for (const part of parts) req.write(part);
        req.end();
      });
    }

    const multipart = (boundary: string) => ({
      head: `--${boundary}\r\nContent-Disposition: form-data; name="huge.bpmn"; filename="huge.bpmn"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      tail: `\r\n--${boundary}--\r\n`,
      type: `multipart/form-data; boundary=${boundary}`,
    });

    it('refuses a 150 MB deployment by its Content-Length before reading it, while /health answers', async () => {
      const before = await counts();
      const { head, tail, type } = multipart('hostile150');
      const total = 150 * 1024 * 1024;
      const { result, slowestHealthMs } = await duringAttack(() => upload('/engine-rest/deployment/create', total, true, type, head, tail));
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body)).toEqual({ type: 'InvalidRequestException', message: expect.stringContaining('too large'), code: 0, errorCode: 'HTTP_BODY_TOO_LARGE' });
      expect(result.sent).toBeLessThan(total / 2);
      expect(slowestHealthMs).toBeLessThan(RESPONSIVE_MS);
      expect(await counts()).toEqual(before);
    });

    it('stops a chunked upload without Content-Length once it passes the limit, long before it ends', async () => {
      const { head, tail, type } = multipart('hostileChunked');
      const total = 80 * 1024 * 1024;
      // paced (80 chunks of 1 MiB, 100 ms apart), so that an answer at the limit comes while most of the upload is still to be sent
      const result = await upload('/engine-rest/deployment/create', total, false, type, head, tail, 100);
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body).message).toContain('too large');
      expect(result.sent).toBeLessThan(total / 2);
      const small = multipart('hostileSmall');
      expect(await postChunked('/engine-rest/deployment/create', small.type, [small.head, regexModel.replaceAll('hostile_regex', 'hostile_chunked'), small.tail])).toBe(200);
    });

    it('limits JSON bodies per route family with a 413', async () => {
      const before = await counts();
      const crmBody = await crm.raw('POST', '/deals', JSON.stringify({ title: 'Big', notes: 'x'.repeat(2 * 1024 * 1024) }));
      expectErrorBody(crmBody, 413);
      expect(crmBody.body.message).toContain('too large');
      const engineBody = await api.raw('POST', '/process-definition/key/hostile_regex/start', JSON.stringify({ variables: { blob: { value: 'x'.repeat(9 * 1024 * 1024), type: 'String' } } }));
      expectErrorBody(engineBody, 413);
      expect(await counts()).toEqual(before);
    });

    it('still takes the public web form as urlencoded', async () => {
      const response = await fetch(`${app.url}/api/public/leads`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Form+User&email=form%40web.test&message=hello' });
      expect(response.status).toBe(202);
    });
  });
});
