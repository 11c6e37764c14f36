// The deadline queue behind Dokumentlager expiry: after any adds (a key again: a new deadline)
// and removes, taking what is due gives exactly the keys due, earliest first, and leaves the rest.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DeadlineQueue } from '../../src/emulator/deadline-queue.js';

const operation = fc.oneof(
  fc.record({ add: fc.integer({ min: 0, max: 30 }), at: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ remove: fc.integer({ min: 0, max: 30 }) }),
);

test('takeDue gives exactly the keys due, earliest first, after any adds and removes', () => {
  fc.assert(
    fc.property(
      fc.array(operation, { maxLength: 80 }),
      fc.integer({ min: -1, max: 101 }),
      (operations, now) => {
        const queue = new DeadlineQueue<number>();
        const model = new Map<number, number>();
        for (const op of operations)
          if ('add' in op) {
            queue.add(op.add, op.at);
            model.set(op.add, op.at);
          } else assert.is(queue.remove(op.remove), model.delete(op.remove));
        assert.is(queue.size, model.size);
        const due = queue.takeDue(now);
        const deadlines = due.map((key) => model.get(key)!);
        assert.equal(new Set(due), new Set([...model].filter(([, at]) => at <= now).map(([key]) => key)));
        assert.equal(
          deadlines,
          [...deadlines].sort((a, b) => a - b),
          'earliest first',
        );
        assert.is(queue.size, model.size - due.length);
        assert.equal(queue.takeDue(now), []);
      },
    ),
    { numRuns: 500 },
  );
});

test.run();
