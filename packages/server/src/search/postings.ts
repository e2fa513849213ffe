/**
 * The documents that contain one term, with the term's frequency in each field: packed typed arrays (a Map of
 * small arrays per posting took ten times the memory and was slower to scan at 20,000 articles).
 */
export class Posting {
  docs = new Int32Array(4);
  /** Frequencies, `fields` per document, saturating at 65,535. */
  tfs: Uint16Array;
  length = 0;

  constructor(private readonly fields: number) {
    this.tfs = new Uint16Array(4 * fields);
  }

  add(doc: number, frequencies: readonly number[]): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint16Array(this.length * 2 * this.fields);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    for (let f = 0; f < this.fields; f++)
      this.tfs[this.length * this.fields + f] = Math.min(65535, frequencies[f]!);
    this.length++;
  }

  /** Remove a document (swap with the last; order does not matter). */
  remove(doc: number): void {
    const last = this.length - 1;
    for (let i = 0; i <= last; i++) {
      if (this.docs[i] !== doc) continue;
      this.docs[i] = this.docs[last]!;
      this.tfs.copyWithin(i * this.fields, last * this.fields, (last + 1) * this.fields);
      this.length--;
      return;
    }
  }
}
