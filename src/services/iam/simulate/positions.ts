// Where each statement of a policy document starts and ends, as the policy simulator reports it
// (MatchedStatements' StartPosition / EndPosition): the 1-based line and column of the statement
// object's "{" and "}". The document was validated already; this is a small scanner, not a parser.

export interface Position {
  Line: number;
  Column: number;
}

export interface StatementSpan {
  start: Position;
  end: Position;
}

/** Spans of the statements in document order (index = the statement's index); [] if none is found. */
export function statementSpans(text: string): StatementSpan[] {
  const s = new Scanner(text);
  s.ws();
  if (s.peek() !== '{') return [];
  s.i++;
  const spans: StatementSpan[] = [];
  for (;;) {
    s.ws();
    if (s.peek() !== '"') return spans;
    const key = s.string();
    s.ws();
    s.i++; // ':'
    s.ws();
    if (key === 'Statement') {
      if (s.peek() === '[') {
        s.i++;
        for (;;) {
          s.ws();
          if (s.peek() === ']' || s.i >= text.length) break;
          if (s.peek() === '{') spans.push(s.objectSpan());
          else s.value();
          s.ws();
          if (s.peek() === ',') s.i++;
        }
      } else if (s.peek() === '{') {
        spans.push(s.objectSpan());
      }
      return spans;
    }
    s.value();
    s.ws();
    if (s.peek() !== ',') return spans;
    s.i++;
  }
}

class Scanner {
  i = 0;
  constructor(private readonly t: string) {}

  peek(): string | undefined {
    return this.t[this.i];
  }

  ws(): void {
    while (this.i < this.t.length && /\s/.test(this.t[this.i]!)) this.i++;
  }

  string(): string {
    const start = ++this.i;
    while (this.i < this.t.length && this.t[this.i] !== '"') this.i += this.t[this.i] === '\\' ? 2 : 1;
    return JSON.parse(`"${this.t.slice(start, this.i++)}"`) as string;
  }

  /** Skips any JSON value. */
  value(): void {
    const c = this.peek();
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '{' || c === '[') {
      let depth = 0;
      while (this.i < this.t.length) {
        const d = this.t[this.i]!;
        if (d === '"') {
          this.string();
          continue;
        }
        this.i++;
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') if (--depth === 0) return;
      }
      return;
    }
    while (this.i < this.t.length && !/[\s,}\]]/.test(this.t[this.i]!)) this.i++;
  }

  objectSpan(): StatementSpan {
    const start = this.position(this.i);
    this.value();
    return { start, end: this.position(this.i - 1) };
  }

  position(offset: number): Position {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < offset; k++) {
      if (this.t[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return { Line: line, Column: offset - lineStart + 1 };
  }
}
