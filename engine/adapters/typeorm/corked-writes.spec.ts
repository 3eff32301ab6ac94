import { corkStatementWrites } from './corked-writes.js';

/** a socket that records what reaches the wire: corked writes go out together on uncork */
class RecordingStream {
  readonly sent: string[][] = [];
  private corks = 0;
  private pending: string[] = [];

  cork(): void {
    this.corks++;
  }

  uncork(): void {
    if (this.corks === 0) return;
    this.corks--;
    if (this.corks === 0) this.flush();
  }

  write(message: string): void {
    this.pending.push(message);
    if (this.corks === 0) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.sent.push(this.pending);
    this.pending = [];
  }
}

/** pg's connection as far as a prepared statement goes: one write per message */
function connectionOn(stream: RecordingStream) {
  return {
    stream,
    parse() {
      stream.write('P');
    },
    bind() {
      stream.write('B');
    },
    describe() {
      stream.write('D');
    },
    execute() {
      stream.write('E');
    },
    sync() {
      stream.write('S');
    },
    query() {
      stream.write('Q');
    },
  };
}

const nextTick = () => new Promise((resolve) => process.nextTick(resolve));

describe('corked statement writes', () => {
  it('sends a prepared statement’s messages as one write instead of one each', async () => {
    const stream = new RecordingStream();
    const connection = connectionOn(stream);
    corkStatementWrites({ connection });

    connection.parse();
    connection.bind();
    connection.describe();
    connection.execute();
    connection.sync();
    expect(stream.sent).toEqual([]);
    await nextTick();
    expect(stream.sent).toEqual([['P', 'B', 'D', 'E', 'S']]);

    connection.bind();
    connection.describe();
    connection.execute();
    connection.sync();
    await nextTick();
    expect(stream.sent).toEqual([['P', 'B', 'D', 'E', 'S'], ['B', 'D', 'E', 'S']]);
  });

  it('leaves simple queries and an unpatched connection as they were', async () => {
    const stream = new RecordingStream();
    const connection = connectionOn(stream);
    connection.bind();
    connection.sync();
    expect(stream.sent).toEqual([['B'], ['S']]);

    corkStatementWrites({ connection });
    connection.query();
    expect(stream.sent).toEqual([['B'], ['S'], ['Q']]);
  });

  it('patches a connection once, however often it is handed over', async () => {
    const stream = new RecordingStream();
    const connection = connectionOn(stream);
    corkStatementWrites({ connection });
    corkStatementWrites({ connection });
    connection.bind();
    connection.sync();
    await nextTick();
    expect(stream.sent).toEqual([['B', 'S']]);
    // a second cork would have left the socket corked: nothing more could go out
    connection.query();
    expect(stream.sent).toEqual([['B', 'S'], ['Q']]);
  });
});
