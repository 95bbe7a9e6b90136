-- Tasks for POST /api/v1/tasks/{id}/take to take, each once: pending, unassigned, without a team (so the benchmark's
-- member may take them), made by seeded users (so a take tells someone, as a take usually does), and dated 2001 so
-- that they never reach the first page of the pending list that the benchmark also measures. Prints their ids.
-- psql -v count=N -v tag=TEXT -f take-pool.sql (bench/api.sh; the title's "bench-" prefix is what it cleans up by).
CREATE FUNCTION pg_temp.uuid_v7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  -- As in bench/TaskListBenchmark/seed.sql: our ids are time-ordered UUIDv7s, which PostgreSQL 15 cannot make.
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
    PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

INSERT INTO tasks (id, title, priority, status, created_by, created_at, updated_at, attempt_count)
SELECT pg_temp.uuid_v7(t.at), 'bench-take ' || :'tag' || ' ' || n, 1, 'pending', creator.id, t.at, t.at, 1
FROM generate_series(1, :count) AS n
CROSS JOIN LATERAL (SELECT timestamptz '2001-01-01 00:00Z' + n * interval '1 second' AS at) AS t
JOIN users AS creator ON creator.email = 'seed-user-' || (1 + n % 1000) || '@bench.local'
RETURNING id;
