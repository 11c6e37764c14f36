import type { Queryable } from '../store/database.js';

/** A responsible unit (department) of the municipality. */
export interface Unit {
  unitId: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** The unit with `unitId`, or null. */
export async function readUnit(q: Queryable, unitId: string): Promise<Unit | null> {
  const rows = await q.query<Unit & Record<string, unknown>>(
    'SELECT unit_id AS "unitId", name, email, phone FROM units WHERE unit_id = $1',
    [unitId],
  );
  return rows[0] ?? null;
}
