/** One key in the heap with its deadline. */
interface Entry<K> {
  key: K;
  at: number;
}

/**
 * Keys ordered by a deadline (epoch ms): a binary min-heap that also knows where each key sits,
 * so adding a key, removing one, and taking the next due one each cost O(log n) however many
 * keys it holds, and nothing else is ever scanned.
 */
export class DeadlineQueue<K> {
  readonly #heap: Entry<K>[] = [];
  readonly #positions = new Map<K, number>();

  /** Keys held now. */
  get size(): number {
    return this.#heap.length;
  }

  /** Holds `key` until `at`; a key already held gets the new deadline. */
  add(key: K, at: number): void {
    this.remove(key);
    this.#heap.push({ key, at });
    this.#positions.set(key, this.#heap.length - 1);
    this.#up(this.#heap.length - 1);
  }

  /** Forgets `key`; false when it was not held. */
  remove(key: K): boolean {
    const position = this.#positions.get(key);
    if (position === undefined) return false;
    this.#positions.delete(key);
    const last = this.#heap.pop()!;
    if (position < this.#heap.length) {
      this.#heap[position] = last;
      this.#positions.set(last.key, position);
      this.#down(position);
      this.#up(position);
    }
    return true;
  }

  /** Takes every key whose deadline is `now` or earlier, earliest first. */
  takeDue(now: number): K[] {
    const due: K[] = [];
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now) {
      const { key } = this.#heap[0]!;
      this.remove(key);
      due.push(key);
    }
    return due;
  }

  clear(): void {
    this.#heap.length = 0;
    this.#positions.clear();
  }

  #up(position: number): void {
    let child = position;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (this.#heap[parent]!.at <= this.#heap[child]!.at) return;
      this.#swap(parent, child);
      child = parent;
    }
  }

  #down(position: number): void {
    let parent = position;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.#heap.length && this.#heap[left]!.at < this.#heap[smallest]!.at) smallest = left;
      if (right < this.#heap.length && this.#heap[right]!.at < this.#heap[smallest]!.at) smallest = right;
      if (smallest === parent) return;
      this.#swap(parent, smallest);
      parent = smallest;
    }
  }

  #swap(a: number, b: number): void {
    const first = this.#heap[a]!;
    const second = this.#heap[b]!;
    this.#heap[a] = second;
    this.#heap[b] = first;
    this.#positions.set(second.key, a);
    this.#positions.set(first.key, b);
  }
}
