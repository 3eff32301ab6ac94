import { ExecutionError } from '../errors/index.js';
import { Agenda } from './agenda.js';

describe('agenda', () => {
  it('runs scheduled steps in order, including the steps they schedule', () => {
    const agenda = new Agenda(() => false);
    const ran: string[] = [];
    agenda.schedule(() => {
      ran.push('a');
      agenda.schedule(() => ran.push('c'));
    });
    agenda.schedule(() => ran.push('b'));

    agenda.run();

    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('stops once the instance ended', () => {
    let ended = false;
    const agenda = new Agenda(() => ended);
    const ran: string[] = [];
    agenda.schedule(() => {
      ran.push('end');
      ended = true;
    });
    agenda.schedule(() => ran.push('never'));

    agenda.run();

    expect(ran).toEqual(['end']);
  });

  it('fails the command with an ExecutionError when steps keep scheduling steps without end', () => {
    // given a step that always schedules itself again (a loop in the model that never waits)
    const agenda = new Agenda(() => false, 50);
    let taken = 0;
    const loop = (): void => {
      taken++;
      agenda.schedule(loop);
    };
    agenda.schedule(loop);

    // then the run gives up after its step budget instead of hanging
    expect(() => agenda.run()).toThrow(ExecutionError);
    expect(taken).toBe(50);
  });
});
