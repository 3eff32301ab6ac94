import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { pool } from './stats.js';

/**
 * The same lead-routing model on bpmn-engine, in process and in memory: no database, no HTTP.
 * Its default expressions cannot compare, so the condition is a script there (its own dialect).
 */
export async function runOnBpmnEngine(xml: string, total: number, concurrency: number): Promise<{ seconds: number }> {
  const source = xml.replace(
    /<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">[^<]*<\/bpmn:conditionExpression>/,
    '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">next(null, environment.variables.amount &gt;= 100000)</bpmn:conditionExpression>',
  );
  const started = performance.now();
  await pool(total, concurrency, async (i) => {
    const listener = new EventEmitter();
    listener.on('wait', (api: { signal: (message?: unknown) => void }) => api.signal({ qualified: true }));
    const engine = new Engine({ name: `bench-${i}`, source });
    const ended = new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
    });
    await engine.execute({ listener, variables: { amount: i % 2 === 0 ? 250000 : 5000 } });
    await ended;
  });
  return { seconds: (performance.now() - started) / 1000 };
}
