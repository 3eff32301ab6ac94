interface DeployProblem {
  elementId: string | null;
  message: string;
  severity: 'error' | 'warn';
}

// loaded by name at run time: the designer is typechecked with its own tsconfig (bundler module resolution)
const ENGINE_PROBLEMS = '../../designer/src/pages/designer/engine-problems.js';
const { problemsOf, refusalProblemsOf } = (await import(ENGINE_PROBLEMS)) as {
  problemsOf(byResource: unknown, severity: 'error' | 'warn'): DeployProblem[];
  refusalProblemsOf(details: unknown): DeployProblem[];
};

const linkError = {
  message: "Expected a link catch event to have no incoming sequence flow, but 'Flow_3' enters it (BPMN 2.0 §10.5.4, rule link-catch-no-incoming)",
  line: 0, column: 0, mainElementId: 'landing', elementIds: ['landing'], rule: 'link-catch-no-incoming', section: '10.5.4',
};

describe('designer: the engine\'s deploy problems as rows', () => {
  it('lists a refusal\'s errors with their rule, then its warnings, each once and with the message as the engine wrote it', () => {
    const passThrough = { message: 'Expected ... (BPMN 2.0 §10.6, rule gateway-pass-through)', mainElementId: 'nothing', elementIds: ['nothing'], rule: 'gateway-pass-through', section: '10.6' };
    expect(refusalProblemsOf({ 'm.bpmn': { errors: [linkError, linkError], warnings: [passThrough] } })).toEqual([
      { elementId: 'landing', message: linkError.message, severity: 'error' },
      { elementId: 'nothing', message: passThrough.message, severity: 'warn' },
    ]);
  });

  it('names the element by mainElementId, else the first of elementIds; a form\'s problem by its file', () => {
    expect(problemsOf({
      'm.bpmn': [{ message: 'a', elementIds: ['task'] }, { message: 'b', mainElementId: null }],
      'offer.form': [{ message: 'Expected a form id' }],
    }, 'warn')).toEqual([
      { elementId: 'task', message: 'a', severity: 'warn' },
      { elementId: null, message: 'b', severity: 'warn' },
      { elementId: null, message: 'offer.form: Expected a form id', severity: 'warn' },
    ]);
  });

  it('reads nothing from details that are not the engine\'s', () => {
    expect(refusalProblemsOf(null)).toEqual([]);
    expect(refusalProblemsOf({ 'm.bpmn': { errors: 'none', warnings: [{ text: 'x' }] } })).toEqual([]);
  });
});
