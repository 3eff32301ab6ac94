import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientOf, envNumber, repositoryRoot } from '../models.js';
import { ServiceProcess } from '../service.js';
import { summarize } from '../stats.js';
import { ms, printTable } from '../table.js';

/**
 * (f) Deploy time through POST /deployment/create (parse, validate, store), BENCH_DEPLOYS times
 * each, on PostgreSQL + Redis: a generated model of 200 elements and each model in processes/
 * (with the form of the same name, when there is one).
 */
export async function deployTimes(): Promise<void> {
  const repeats = envNumber('BENCH_DEPLOYS', 10);
  const models: { label: string; files: { name: string; content: string }[] }[] = [
    { label: 'generated, 200 elements', files: [{ name: 'generated-200.bpmn', content: generatedModel(200) }] },
  ];
  const folder = join(repositoryRoot, 'processes');
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.bpmn')).sort()) {
    const form = file.replace(/\.bpmn$/, '.form');
    const files = [{ name: file, content: readFileSync(join(folder, file), 'utf8') }];
    if (existsSync(join(folder, form))) files.push({ name: form, content: readFileSync(join(folder, form), 'utf8') });
    models.push({ label: `processes/${file}`, files });
  }
  const service = await ServiceProcess.start('postgres');
  const rows: (string | number)[][] = [];
  try {
    const client = clientOf(service);
    for (const model of models) {
      const samples: number[] = [];
      for (let i = 0; i < repeats + 1; i++) {
        const t = performance.now();
        await client.deploy(`bench-${i}`, model.files);
        if (i > 0) samples.push(performance.now() - t);
      }
      const s = summarize(samples);
      const bytes = model.files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
      rows.push([model.label, (bytes / 1024).toFixed(1), ms(s.p50), ms(s.max)]);
    }
  } finally {
    await service.stop();
    await service.database?.drop();
  }
  printTable(`deploy time, POST /deployment/create, ${repeats} deployments each (after one warm-up), PostgreSQL + Redis`, ['model', 'KiB', 'p50 ms', 'max ms'], rows);
}

/** a chain of user tasks, external tasks and exclusive gateways: `elements` counts flow nodes, flows and the process */
export function generatedModel(elements: number): string {
  const nodes = Math.floor(elements / 2);
  const body: string[] = ['<bpmn:startEvent id="n0" />'];
  for (let i = 1; i < nodes - 1; i++) {
    if (i % 3 === 0) body.push(`<bpmn:exclusiveGateway id="n${i}" />`);
    else if (i % 3 === 1) body.push(`<bpmn:userTask id="n${i}" name="Step ${i}" camunda:candidateGroups="sales" />`);
    else body.push(`<bpmn:serviceTask id="n${i}" name="Step ${i}" camunda:type="external" camunda:topic="step-${i}" />`);
  }
  body.push(`<bpmn:endEvent id="n${nodes - 1}" />`);
  for (let i = 0; i < nodes - 1; i++) body.push(`<bpmn:sequenceFlow id="f${i}" sourceRef="n${i}" targetRef="n${i + 1}" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="generated" targetNamespace="http://crm.example.com/bench">
  <bpmn:process id="bench_generated" name="Generated (benchmark)" isExecutable="true">
    ${body.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>
`;
}
