import { EngineHarness, typed } from '../../engine/testing/engine-harness.js';
import type { ServiceTaskInput } from '../../engine/core/ports/service-task-handler.js';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CRM_OPTIONS } from '../crm-options.js';
import { ProcessDeployer } from './process-deployer.js';
import { findProcessesDir, readBpmnResources, readProcessResources } from './reference-processes.js';
import { resumeSla, slaDueTimes } from '../calendars/sla-due-times.js';
import { officeHours } from '../calendars/working-time.js';

const HOUR = 3_600_000;

interface SimulatedComplaint {
  waiting: boolean;
  resolved?: boolean;
  /** the due times and assignee the record holds after a wait */
  due: Record<string, unknown> | null;
}
const complaints = new WeakMap<EngineHarness, SimulatedComplaint>();

/** the reference models on the in-memory engine, with recording stand-ins for the CRM handlers */
function harness() {
  const h = new EngineHarness();
  const calls: { topic: string; activityId: string; variables: Record<string, unknown> }[] = [];
  const results: Record<string, Record<string, unknown>> = {
    'crm.lead.assign': { assignee: 'manager-1' },
    'crm.complaint.escalate': { escalatedTo: 'head-1', escalationLevel: 1 },
  };
  /** the complaint as the CRM's handlers read it (crm.complaint.setSla, crm.complaint.slaState) */
  const complaint: SimulatedComplaint = { waiting: false, due: null };
  complaints.set(h, complaint);
  /** as crm.complaint.setSla: the SLA's working hours on the default calendar (Mon–Fri 9–18 UTC) from now, and whether the complaint waits for the customer */
  const setSla = (input: ServiceTaskInput) => {
    const due = slaDueTimes(officeHours('UTC'), h.clock.now(), Number(input.variables['slaHours']), Number(input.variables['reminderShare']));
    return { slaDueAt: due.slaDueAt.toISOString(), slaRemindAt: due.slaRemindAt.toISOString(), slaPaused: complaint.waiting };
  };
  /** as crm.complaint.slaState: the status, and out of the wait the due times the record holds */
  const slaState = () => {
    if (complaint.resolved) return { complaintStatus: 'resolved' };
    return complaint.waiting ? { complaintStatus: 'waiting_for_customer' } : { complaintStatus: 'in_progress', ...complaint.due };
  };
  const outputs = (topic: string, input: ServiceTaskInput) => {
    if (topic === 'crm.complaint.setSla') return setSla(input);
    if (topic === 'crm.complaint.slaState') return slaState();
    return results[topic] ?? {};
  };
  for (const topic of ['crm.complaint.setSla', 'crm.complaint.slaState', 'crm.lead.assign', 'crm.notify', 'crm.activity.create', 'crm.deal.updateStage', 'crm.complaint.escalate', 'crm.complaint.close']) {
    h.handlers.set(topic, async (input: ServiceTaskInput) => {
      calls.push({ topic, activityId: input.activityId, variables: { ...input.variables } });
      return { outcome: 'complete', variables: outputs(topic, input) };
    });
  }
  return {
    h, calls, complaint,
    /** the service tasks run, but the hourly checks of a wait */
    topicsOf: () => calls.filter((c) => c.topic !== 'crm.complaint.slaState').map((c) => `${c.activityId}:${c.topic}`),
    checks: () => calls.filter((c) => c.topic === 'crm.complaint.slaState').length,
  };
}

/** the models with the forms they link, in one deployment, as the CRM deploys them */
async function deployAll(h: EngineHarness) {
  await h.engine.deploy({ name: 'reference', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources: readProcessResources(findProcessesDir()) });
}

describe('reference processes', () => {
  it('parse: every model is accepted by the engine and has a diagram', async () => {
    const { h } = harness();
    for (const resource of readBpmnResources(findProcessesDir())) {
      const graphs = await h.engine.parse(resource.name, resource.content);
      expect(graphs.map((g) => g.id)).toEqual([resource.name.replace('.bpmn', '')]);
      expect(resource.content).toContain('<bpmndi:BPMNDiagram');
    }
  });

  describe('deployment by the CRM', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'processes-'));
      cpSync(findProcessesDir(), dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const deployer = (h: EngineHarness) => new ProcessDeployer(h.engine, { ...DEFAULT_CRM_OPTIONS, processesDir: dir });
    const versions = (h: EngineHarness) => [...h.store.definitions.values()].map((d) => `${d.key}:${d.version}`).sort();
    const decisionVersions = (h: EngineHarness) => [...h.store.decisions.definitions.values()].map((d) => `${d.key}:${d.version}:${d.resourceName}`).sort();

    it('deploys models and forms in one deployment; unchanged, they keep their versions', async () => {
      const { h } = harness();
      await deployer(h).onModuleInit();
      await deployer(h).onModuleInit();
      expect(h.store.deployments.size).toBe(1);
      expect(versions(h)).toEqual(['complaint-sla:1', 'deal-approval:1', 'lead-routing:1']);
      expect([...h.store.formDefinitions.values()].map((f) => `${f.key}:${f.version}:${f.resourceName}`)).toEqual(['deal-approval-decision:1:deal-approval.form']);
      expect(decisionVersions(h)).toEqual(['complaint-sla-terms:1:complaint-sla.dmn', 'deal-approval-levels:1:deal-approval.dmn', 'lead-routing:1:lead-routing.dmn']);
    });

    it('a changed decision table gives only its decision a new version; the next instance follows it, the models keep theirs', async () => {
      const { h } = harness();
      await deployer(h).onModuleInit();
      const before = await h.start('deal-approval', { dealId: 'a', amount: 60_000, requesterId: 'r' }, 'a');
      const table = readProcessResources(dir).find((r) => r.name === 'deal-approval.dmn')!.content;
      writeFileSync(join(dir, 'deal-approval.dmn'), table.replace('<text>&gt;= 50000</text>', '<text>&gt;= 80000</text>'));
      await deployer(h).onModuleInit();
      expect(versions(h)).toEqual(['complaint-sla:1', 'deal-approval:1', 'lead-routing:1']);
      expect(decisionVersions(h)).toEqual(['complaint-sla-terms:1:complaint-sla.dmn', 'deal-approval-levels:1:deal-approval.dmn', 'deal-approval-levels:2:deal-approval.dmn', 'lead-routing:1:lead-routing.dmn']);
      const after = await h.start('deal-approval', { dealId: 'b', amount: 60_000, requesterId: 'r' }, 'b');
      expect([h.variable(before, 'approvalLevels'), h.variable(after, 'approvalLevels')]).toEqual([['manager', 'head'], ['manager']]);
    });

    it('a changed form gives a new version to the model that takes it from its deployment, and only to it', async () => {
      const { h } = harness();
      await deployer(h).onModuleInit();
      const form = JSON.parse(readProcessResources(dir).find((r) => r.name === 'deal-approval.form')!.content) as { components: unknown[] };
      writeFileSync(join(dir, 'deal-approval.form'), JSON.stringify({ ...form, components: form.components.slice(1) }));
      await deployer(h).onModuleInit();
      expect(versions(h)).toEqual(['complaint-sla:1', 'deal-approval:1', 'deal-approval:2', 'lead-routing:1']);
      const id = await h.start('deal-approval', { dealId: 'd', amount: 1000, requesterId: 'r' }, 'd');
      const deployed = JSON.parse((await h.engine.forms.ofTask(h.task(id, 'LevelApproval').id)).content) as { components: unknown[] };
      expect(deployed.components).toHaveLength(form.components.length - 1);
    });
  });

  describe('lead-routing', () => {
    it('assigns, tells the owner, and waits for qualification; conversion in the CRM schedules the first call', async () => {
      const { h, calls, topicsOf } = harness();
      await deployAll(h);
      const id = await h.start('lead-routing', { leadId: 'lead-1', amount: 250_000, personName: 'Ann', recordType: 'lead' }, 'lead-1');
      expect(topicsOf()).toEqual(['AssignOwner:crm.lead.assign', 'NotifyOwner:crm.notify']);
      expect(calls[0]!.variables).toMatchObject({ level: 'senior', team: null });
      expect(h.task(id, 'QualifyLead').assignee).toBe('manager-1');
      await h.engine.correlateMessage({ messageName: 'LeadConverted', businessKey: 'lead-1', processVariables: new Map(), processVariablesLocal: new Map(), all: true });
      await h.runDueJobs();
      expect(h.state(id)).toBe('COMPLETED');
      const call = calls.find((c) => c.activityId === 'ScheduleFirstCall')!;
      expect(call.variables).toMatchObject({ activityKind: 'call', subject: 'First call with Ann', ownerId: 'manager-1', recordType: 'lead' });
      expect(h.path(id)).toContain('LeadQualified');
    });

    it('ends without a call when the lead is disqualified in the CRM or not qualified in the tasklist', async () => {
      const { h, calls, topicsOf } = harness();
      await deployAll(h);
      const a = await h.start('lead-routing', { leadId: 'a', amount: 1 }, 'a');
      await h.engine.correlateMessage({ messageName: 'LeadDisqualified', businessKey: 'a', processVariables: new Map(), processVariablesLocal: new Map(), all: true });
      const b = await h.start('lead-routing', { leadId: 'b', amount: 1 }, 'b');
      await h.complete(b, 'QualifyLead', { qualified: false });
      expect([h.state(a), h.state(b)]).toEqual(['COMPLETED', 'COMPLETED']);
      expect(h.path(a)).toContain('LeadDisqualified');
      expect(h.path(b)).toContain('LeadNotQualified');
      expect(topicsOf().filter((t) => t.startsWith('ScheduleFirstCall'))).toEqual([]);
      expect(calls.filter((c) => c.activityId === 'AssignOwner').map((c) => c.variables['level'])).toEqual(['junior', 'junior']);
    });
  });

  describe('deal-approval', () => {
    const request = { requesterId: 'rep-1', discountPercent: 10 };
    /** the open approval step's level (its candidate group), then completes it */
    async function decide(h: EngineHarness, id: string, chain: string[], variables: Record<string, unknown>) {
      const task = h.task(id, 'LevelApproval');
      chain.push(...task.candidateGroups);
      await h.complete(id, 'LevelApproval', variables);
    }

    it('over the director threshold the matrix asks manager, head and director in turn; a rejection loops back to the requester', async () => {
      const { h, calls } = harness();
      await deployAll(h);
      const id = await h.start('deal-approval', { dealId: 'd', amount: 500_000, ...request }, 'd');
      expect(h.variable(id, 'approvalLevels')).toEqual(['manager', 'head', 'director']);
      const first = h.task(id, 'LevelApproval');
      expect(first.candidateGroups).toEqual(['manager']);
      expect(first.name).toBe('Approval (manager)');
      expect(first.formRef).toEqual({ key: 'deal-approval-decision', binding: 'deployment', version: null });
      const form = JSON.parse((await h.engine.forms.ofTask(first.id)).content) as { components: { key?: string }[] };
      expect(form.components.map((c) => c.key).filter(Boolean)).toEqual(['amount', 'discountPercent', 'approved', 'decisionComment']);
      const chain: string[] = [];
      await decide(h, id, chain, { approved: true });
      await decide(h, id, chain, { approved: false });
      expect(calls.at(-1)!.variables).toMatchObject({ approvalStatus: 'rejected' });
      expect(h.task(id, 'ReviseOrWithdraw').assignee).toBe('rep-1');
      await h.complete(id, 'ReviseOrWithdraw', { withdraw: false, discountPercent: 5 });
      expect(calls.at(-1)!.variables).toMatchObject({ approvalStatus: 'pending', discountPercent: 5 });
      await decide(h, id, chain, { approved: true });
      await decide(h, id, chain, { approved: true });
      expect(h.task(id, 'LevelApproval').name).toBe('Approval (director)');
      await decide(h, id, chain, { approved: true });
      expect(h.state(id)).toBe('COMPLETED');
      expect(calls.filter((c) => c.activityId === 'MarkApproved')[0]!.variables).toMatchObject({ approvalStatus: 'approved', stage: 'negotiation' });
      expect(chain).toEqual(['manager', 'head', 'manager', 'head', 'director']);
      expect(calls.filter((c) => c.activityId === 'MarkRejected')).toHaveLength(1);
    });

    it('a matrix that asks nobody approves at once', async () => {
      const { h, calls } = harness();
      const resources = readProcessResources(findProcessesDir()).map((r) => r.name !== 'deal-approval.dmn' ? r
        : { ...r, content: r.content.replace('<inputEntry id="Rule_Manager_Amount"><text>-</text>', '<inputEntry id="Rule_Manager_Amount"><text>&gt;= 1000</text>') });
      await h.engine.deploy({ name: 'reference', source: null, tenantId: null, enableDuplicateFiltering: false, deployChangedOnly: false, resources });
      const id = await h.start('deal-approval', { dealId: 't', amount: 10, ...request }, 't');
      expect(h.variable(id, 'approvalLevels')).toEqual([]);
      expect(h.state(id)).toBe('COMPLETED');
      expect(calls.map((c) => c.activityId)).toEqual(['MarkApproved', 'NotifyApproved']);
    });

    it('under the head threshold only a manager approves; a decision is required; withdrawing ends it', async () => {
      const { h } = harness();
      await deployAll(h);
      const small = await h.start('deal-approval', { dealId: 's', amount: 10_000, ...request }, 's');
      expect(h.variable(small, 'approvalLevels')).toEqual(['manager']);
      await h.complete(small, 'LevelApproval', { approved: true });
      expect(h.state(small)).toBe('COMPLETED');
      expect(h.path(small)).toContain('MarkApproved');
      const other = await h.start('deal-approval', { dealId: 'o', amount: 100_000, ...request }, 'o');
      expect(h.variable(other, 'approvalLevels')).toEqual(['manager', 'head']);
      await expect(h.complete(other, 'LevelApproval', {})).rejects.toThrow(/Cannot resolve identifier 'approved'/);
      await h.complete(other, 'LevelApproval', { approved: false });
      await h.complete(other, 'ReviseOrWithdraw', { withdraw: true });
      expect(h.state(other)).toBe('COMPLETED');
      expect(h.path(other)).toEqual(expect.arrayContaining(['MarkRejected', 'MarkWithdrawn', 'RequestWithdrawn']));
      expect(h.path(other)).not.toContain('MarkApproved');
    });
  });

  describe('complaint-sla', () => {
    const urgent = { complaintId: 'c', priority: 'urgent', type: 'delivery', customerSegment: 'client', assigneeId: 'agent-1', recordType: 'complaint' };
    const SET = 'SetSlaDue:crm.complaint.setSla';

    it('left alone: reminds first, then escalates to the head of service at the breach; resolution notifies and closes', async () => {
      const { h, calls, topicsOf } = harness();
      await deployAll(h);
      const id = await h.start('complaint-sla', urgent, 'c');
      expect(h.variable(id, 'sla')).toEqual({ slaHours: 4, reminderShare: 0.75 });
      expect(calls[0]!.variables).toMatchObject({ slaHours: 4, reminderShare: 0.75 });
      expect(h.task(id, 'ResolveComplaint').assignee).toBe('agent-1');
      // registered Monday 9:00: 4 working hours later
      expect(h.task(id, 'ResolveComplaint').due?.toISOString()).toBe('2026-01-05T13:00:00.000Z');
      await h.advance(3 * HOUR - 1000);
      expect(topicsOf()).toEqual([SET]);
      await h.advance(1000);
      expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify']);
      await h.advance(HOUR - 1000);
      expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify']);
      await h.advance(1000);
      expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify', 'Escalate:crm.complaint.escalate', 'NotifyHead:crm.notify']);
      expect(h.task(id, 'ResolveEscalated').assignee).toBe('head-1');
      await h.engine.correlateMessage({ messageName: 'ComplaintResolved', businessKey: 'c', processVariables: new Map(), processVariablesLocal: new Map(), all: true });
      await h.runDueJobs();
      expect(topicsOf().slice(4)).toEqual(['NotifyCustomer:crm.notify', 'CloseComplaint:crm.complaint.close']);
      expect(h.state(id)).toBe('COMPLETED');
    });

    it('resolved in time: no reminder, no escalation; a customer reply is forwarded without ending the task', async () => {
      const { h, topicsOf } = harness();
      await deployAll(h);
      const id = await h.start('complaint-sla', { ...urgent, priority: 'high' }, 'c');
      expect(h.variable(id, 'sla')).toEqual({ slaHours: 24, reminderShare: 0.75 });
      await h.engine.correlateMessage({ messageName: 'CustomerReplied', businessKey: 'c', processVariables: new Map(), processVariablesLocal: new Map(), all: true });
      await h.runDueJobs();
      expect(h.task(id, 'ResolveComplaint')).toBeDefined();
      await h.complete(id, 'ResolveComplaint', { resolution: 'Replaced the part' });
      await h.advance(48 * HOUR);
      expect(topicsOf()).toEqual([SET, 'ForwardReply:crm.notify', 'NotifyCustomer:crm.notify', 'CloseComplaint:crm.complaint.close']);
      expect(h.state(id)).toBe('COMPLETED');
    });

    describe('in working hours (Mon–Fri 9–18)', () => {
      const ESCALATE = 'Escalate:crm.complaint.escalate';
      /** the CRM's message, after the record changed as it does in the CRM */
      const message = async (h: EngineHarness, messageName: string, variables: Record<string, unknown> = {}) => {
        const complaint = complaints.get(h)!;
        if (messageName === 'SlaPaused') complaint.waiting = true;
        if (messageName === 'SlaResumed' || (messageName === 'CustomerReplied' && complaint.waiting)) Object.assign(complaint, { waiting: false, due: variables });
        await h.engine.correlateMessage({ messageName, businessKey: 'c', processVariables: typed(variables), processVariablesLocal: new Map(), all: true });
        await h.runDueJobs();
      };
      const until = async (h: EngineHarness, iso: string) => h.advance(Date.parse(iso) - h.clock.now().getTime());
      /** what the CRM sends on resuming: the due times moved by the working time the wait took */
      const resumed = (h: EngineHarness, id: string, pausedAt: string) => {
        const due = { slaDueAt: new Date(String(h.variable(id, 'slaDueAt'))), slaRemindAt: new Date(String(h.variable(id, 'slaRemindAt'))) };
        const moved = resumeSla(officeHours('UTC'), due, new Date(pausedAt), h.clock.now());
        return { slaDueAt: moved.slaDueAt.toISOString(), slaRemindAt: moved.slaRemindAt.toISOString(), assigneeId: 'agent-2' };
      };

      it('registered on Friday 19:00 with 4 working hours: due Monday 13:00, escalated then and not earlier', async () => {
        const { h, topicsOf } = harness();
        h.clock.set('2026-12-04T19:00:00.000Z');
        await deployAll(h);
        const id = await h.start('complaint-sla', urgent, 'c');
        expect(h.task(id, 'ResolveComplaint').due?.toISOString()).toBe('2026-12-07T13:00:00.000Z');
        await until(h, '2026-12-07T11:59:59.000Z');
        expect(topicsOf()).toEqual([SET]);
        await until(h, '2026-12-07T12:00:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify']);
        await until(h, '2026-12-07T12:59:59.000Z');
        expect(topicsOf()).not.toContain(ESCALATE);
        expect(h.task(id, 'ResolveComplaint')).toBeDefined();
        await until(h, '2026-12-07T13:00:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify', ESCALATE, 'NotifyHead:crm.notify']);
      });

      it('waiting for the customer stops the clock: the task and its timers end, and come back with the due times moved', async () => {
        const { h, topicsOf } = harness();
        await deployAll(h);
        const id = await h.start('complaint-sla', urgent, 'c'); // Monday 9:00: reminder 12:00, breach 13:00
        await until(h, '2026-01-05T10:00:00.000Z');
        await message(h, 'SlaPaused');
        expect(h.tasks(id)).toEqual([]);
        await until(h, '2026-01-05T16:00:00.000Z');
        expect(topicsOf()).toEqual([SET]);
        await message(h, 'SlaResumed', resumed(h, id, '2026-01-05T10:00:00.000Z'));
        // 3 working hours were left: Monday 16:00–18:00 and Tuesday 9:00–10:00
        expect(h.task(id, 'ResolveComplaint')).toMatchObject({ assignee: 'agent-2' });
        expect(h.task(id, 'ResolveComplaint').due?.toISOString()).toBe('2026-01-06T10:00:00.000Z');
        await until(h, '2026-01-05T17:59:59.000Z');
        expect(topicsOf()).toEqual([SET]);
        await until(h, '2026-01-05T18:00:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify']);
        await until(h, '2026-01-06T09:59:59.000Z');
        expect(topicsOf()).not.toContain(ESCALATE);
        await until(h, '2026-01-06T10:00:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify', ESCALATE, 'NotifyHead:crm.notify']);
      });

      it('a reminder sent before the wait is not sent again; a reply while waiting is forwarded and resumes the clock', async () => {
        const { h, topicsOf } = harness();
        await deployAll(h);
        const id = await h.start('complaint-sla', urgent, 'c');
        await until(h, '2026-01-05T12:30:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify']);
        await message(h, 'SlaPaused');
        await until(h, '2026-01-06T09:00:00.000Z');
        await message(h, 'CustomerReplied', { ...resumed(h, id, '2026-01-05T12:30:00.000Z'), customerReply: 'Here is the photo' });
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify', 'ForwardWaitedReply:crm.notify']);
        expect(h.task(id, 'ResolveComplaint').due?.toISOString()).toBe('2026-01-06T09:30:00.000Z');
        expect(h.path(id)).toContain('ReminderSkipped');
        await until(h, '2026-01-06T09:30:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify', 'ForwardWaitedReply:crm.notify', ESCALATE, 'NotifyHead:crm.notify']);
      });

      it('waiting for the customer before the SLA was set (its SlaPaused found no catcher): no task and no timers until the wait ends', async () => {
        const { h, topicsOf, complaint } = harness();
        await deployAll(h);
        complaint.waiting = true;
        const id = await h.start('complaint-sla', urgent, 'c'); // Monday 9:00
        expect(h.tasks(id)).toEqual([]);
        await until(h, '2026-01-05T16:00:00.000Z');
        expect(topicsOf()).toEqual([SET]);
        await message(h, 'SlaResumed', resumed(h, id, '2026-01-05T09:00:00.000Z'));
        // all 4 working hours were left: Monday 16:00–18:00 and Tuesday 9:00–11:00
        expect(h.task(id, 'ResolveComplaint').due?.toISOString()).toBe('2026-01-06T11:00:00.000Z');
        await until(h, '2026-01-06T10:59:59.000Z');
        expect(topicsOf()).not.toContain(ESCALATE);
        await until(h, '2026-01-06T11:00:00.000Z');
        expect(topicsOf()).toContain(ESCALATE);
      });

      it('a resume the process missed (sent while it was not waiting yet): the hourly check finds the complaint back in progress and brings the task back', async () => {
        const { h, topicsOf, complaint, checks } = harness();
        await deployAll(h);
        complaint.waiting = true;
        const id = await h.start('complaint-sla', urgent, 'c'); // Monday 9:00, waiting
        await until(h, '2026-01-05T10:00:00.000Z');
        expect(checks()).toBe(1);
        expect(h.tasks(id)).toEqual([]);
        // back in progress at 10:30; its SlaResumed found no catcher
        Object.assign(complaint, { waiting: false, due: { slaDueAt: '2026-01-05T14:30:00.000Z', slaRemindAt: '2026-01-05T13:30:00.000Z', assigneeId: 'agent-2' } });
        await until(h, '2026-01-05T11:00:00.000Z');
        expect(checks()).toBe(2);
        expect(h.task(id, 'ResolveComplaint')).toMatchObject({ assignee: 'agent-2' });
        expect(h.task(id, 'ResolveComplaint').due?.toISOString()).toBe('2026-01-05T14:30:00.000Z');
        await until(h, '2026-01-05T14:30:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify', ESCALATE, 'NotifyHead:crm.notify']);
        expect(checks()).toBe(2);
      });

      it('a resolution the process missed while waiting: the check finds it resolved, the customer is told and the complaint closed', async () => {
        const { h, topicsOf, complaint } = harness();
        await deployAll(h);
        complaint.waiting = true;
        const id = await h.start('complaint-sla', urgent, 'c');
        // resolved in the CRM at 9:30; its ComplaintResolved found no catcher
        Object.assign(complaint, { waiting: false, resolved: true });
        await until(h, '2026-01-05T10:00:00.000Z');
        expect(topicsOf()).toEqual([SET, 'NotifyCustomer:crm.notify', 'CloseComplaint:crm.complaint.close']);
        expect(h.state(id)).toBe('COMPLETED');
      });

      it('a pause the process missed (sent before the task existed): the resume restarts the task with timers at the moved due times', async () => {
        const { h, topicsOf } = harness();
        await deployAll(h);
        const id = await h.start('complaint-sla', urgent, 'c'); // Monday 9:00: reminder 12:00, breach 13:00
        const firstTask = h.task(id, 'ResolveComplaint').id;
        await until(h, '2026-01-05T11:00:00.000Z');
        await message(h, 'SlaResumed', resumed(h, id, '2026-01-05T09:00:00.000Z'));
        expect(h.task(id, 'ResolveComplaint').id).not.toBe(firstTask);
        expect(h.task(id, 'ResolveComplaint').due?.toISOString()).toBe('2026-01-05T15:00:00.000Z');
        await until(h, '2026-01-05T14:59:59.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify']);
        await until(h, '2026-01-05T15:00:00.000Z');
        expect(topicsOf()).toEqual([SET, 'RemindAssignee:crm.notify', ESCALATE, 'NotifyHead:crm.notify']);
      });

      it('resolved while waiting: the customer is told and the complaint closed', async () => {
        const { h, topicsOf } = harness();
        await deployAll(h);
        const id = await h.start('complaint-sla', urgent, 'c');
        await message(h, 'SlaPaused');
        await message(h, 'ComplaintResolved');
        await h.advance(48 * HOUR);
        expect(topicsOf()).toEqual([SET, 'NotifyCustomer:crm.notify', 'CloseComplaint:crm.complaint.close']);
        expect(h.state(id)).toBe('COMPLETED');
      });
    });
  });
});
