import { isDatabaseUnavailable } from '../service-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('telling a database that is unreachable from a query it refused', () => {
  it('recognises a server stopping, starting or gone, and sockets that fail', () => {
    expect(isDatabaseUnavailable(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('08006'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // As knex reports it, the SQL first (seen while PostgreSQL restarted).
    expect(isDatabaseUnavailable(new Error('select "t0".* from "public"."machines" as "t0" where ("t0"."id" = $1) limit $2 - Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }))).toBe(true);
  });

  it('looks through wrappers (cause, AggregateError, originalError)', () => {
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: pgError('57P01') }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([pgError('ECONNREFUSED')], ''))).toBe(true);
    expect(isDatabaseUnavailable({ originalError: pgError('08001') })).toBe(true);
  });

  it('leaves alone what the database refused on purpose, and anything else', () => {
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('40001', 'could not serialize access'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('P0001', 'sv_pipeline_events : ajout seul'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection refusée par la règle'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
