/** `expectedFailures`: known failures with a reason each; an entry whose cases pass fails the suite. */

export interface ExpectedFailure {
  /** A case id (`add/float32/2x3-3`) or a glob: `*` matches within one `/` segment, `**` across segments. */
  readonly id: string;
  /** Why it fails (required, non-empty). */
  readonly reason: string;
}

const globToRegExp = (glob: string): RegExp => {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      src += '.*';
      i++;
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
};

export class ExpectedFailures {
  private readonly entries: { entry: ExpectedFailure; re: RegExp; matched: number }[];

  constructor(list: readonly ExpectedFailure[] = []) {
    for (const e of list) {
      if (typeof e?.id !== 'string' || e.id.length === 0) throw new Error(`expectedFailures: every entry needs an id; received ${JSON.stringify(e)}`);
      if (typeof e.reason !== 'string' || e.reason.trim().length === 0) {
        throw new Error(`expectedFailures: entry ${JSON.stringify(e.id)} needs a non-empty reason`);
      }
    }
    this.entries = list.map((entry) => ({ entry, re: globToRegExp(entry.id), matched: 0 }));
  }

  /** The entry that covers `id`, if any (counts the match). */
  match(id: string): ExpectedFailure | undefined {
    for (const e of this.entries) {
      if (e.re.test(id)) {
        e.matched++;
        return e.entry;
      }
    }
    return undefined;
  }

  /** Entries that matched no registered case (stale or misspelt). */
  unmatched(): ExpectedFailure[] {
    return this.entries.filter((e) => e.matched === 0).map((e) => e.entry);
  }
}
