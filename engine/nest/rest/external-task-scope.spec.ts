import { ForbiddenError } from '../../core/errors/index.js';
import { ExternalTaskScope } from './external-task-scope.js';

describe('ExternalTaskScope', () => {
  it('is absent for a caller without a topic limit, whatever else it holds', () => {
    expect(ExternalTaskScope.of({})).toBeNull();
    expect(ExternalTaskScope.of({ user: { name: 'Ada', permissions: ['engine.external-task'] } })).toBeNull();
    expect(ExternalTaskScope.of({ user: { externalTaskTopics: 'mail' } })).toBeNull();
  });

  it('includes exactly the listed topics', () => {
    const scope = ExternalTaskScope.of({ user: { name: 'API key mailer', externalTaskTopics: ['mail', 'sms'] } })!;
    expect(scope.includes('mail')).toBe(true);
    expect(scope.includes('Mail')).toBe(false);
    expect(scope.includes('payment')).toBe(false);
  });

  it('refuses a fetch naming any topic outside, naming those topics and the allowed ones', () => {
    const scope = ExternalTaskScope.of({ user: { name: 'API key mailer', externalTaskTopics: ['mail'] } })!;
    expect(() => scope.requireAll(['mail'])).not.toThrow();
    expect(() => scope.requireAll([])).not.toThrow();
    expect(() => scope.requireAll(['mail', 'payment', 'payment', 'ledger'])).toThrow(
      new ForbiddenError("API key mailer may not fetch external tasks of the topics 'payment', 'ledger': it is limited to 'mail'"),
    );
  });

  it('narrows a filter to its topics, over any topic the filter names', () => {
    const scope = ExternalTaskScope.of({ user: { externalTaskTopics: ['mail'] } })!;
    expect(scope.narrow({ topicName: 'payment', locked: true })).toEqual({ topicName: 'payment', locked: true, topicNameIn: ['mail'] });
    expect(scope.narrow({ topicNameIn: ['payment'] })).toEqual({ topicNameIn: ['mail'] });
  });
});
