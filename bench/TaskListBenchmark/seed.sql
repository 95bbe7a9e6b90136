-- Seeds the task list benchmark's data set into a migrated, otherwise empty TaskOrchestration database.
-- psql -v tasks=1000000 -f seed.sql; deterministic for a given :tasks (setseed), so runs compare like with like.
--
-- The shape, chosen to look like a busy organisation's task system rather than uniform noise:
--   1,000 users (members), 20 teams; 40 % of tasks have no team, the rest are spread over the teams.
--   statuses: 10 % draft, 20 % pending, 10 % running, 50 % done, 5 % failed, 5 % cancelled; 5 % archived (in the
--   last 29 days: within the cleanup's retention); open tasks past their due date already flagged overdue.
--   The state of a system that has been running, so the scheduled jobs have no backlog to catch up on.
--   priorities: 20 % low, 50 % normal, 20 % high, 10 % critical; 60 % have a due date within +/- 180 days.
--   created over the last two years; titles and descriptions drawn from a skewed vocabulary (the first words
--   are common, the last ones rare), so that searches for common and rare words both exist.
--   tags: 0-4 per task from 200 names, skewed the same way (every name ends up on at least 0.3 % of tasks); assignees: 30 % of tasks have 1-2;
--   comments: 20 % of tasks have 1-5; one history entry per task that left pending.
\set ON_ERROR_STOP on
SELECT setseed(0.42);

CREATE FUNCTION pg_temp.uuid_v7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  -- The application's ids are UUIDv7 (time-ordered); PostgreSQL 15 has no generator, so: 48 bits of
  -- milliseconds over a random UUID, and the version nibble set from 4 to 7.
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
    PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;

-- Arrays, not joins, for the random picks below: a volatile function in a join condition is evaluated once per
-- pair of rows, which would pick a random number of words instead of one per draw.
CREATE TEMP TABLE vocabulary AS
SELECT string_to_array(
  'report release review deploy customer invoice server database backup migration design meeting budget '
  'contract update security audit onboarding training schedule campaign website mobile payment refund support '
  'ticket incident outage monitoring alert dashboard metrics analytics forecast planning roadmap sprint backlog '
  'feature bugfix hotfix regression performance latency capacity scaling network firewall certificate renewal '
  'license vendor procurement hiring interview offboarding laptop printer office travel expense approval '
  'quarterly annual monthly weekly daily summary draft final legal compliance privacy policy retention archive '
  'export import integration webhook partner api gateway cache queue worker scheduler cron pipeline build test '
  'staging production rollback canary experiment survey feedback newsletter translation localisation '
  'accessibility typography illustration photography video podcast webinar conference workshop keynote booth '
  'inventory warehouse shipment logistics supplier pricing discount subscription renewal churn retention '
  'upsell crosssell lead prospect pipeline quota territory commission payroll benefits pension insurance '
  'wellness volunteering charity sustainability carbon recycling facilities parking badge visitor reception '
  'kafka postgres redis kubernetes terraform ansible grafana prometheus elastic kibana sentry jaeger vault '
  'nebula quasar pulsar zenith aurora borealis meridian solstice equinox perihelion aphelion', ' ') AS words;

CREATE TEMP TABLE tag_names AS
SELECT ARRAY['bug', 'feature', 'urgent', 'customer', 'backend', 'frontend',
    'infra', 'docs', 'security', 'finance', 'legal', 'hr', 'sales', 'marketing', 'design', 'research', 'ops',
    'mobile', 'data', 'billing']
  || ARRAY(SELECT 'project-' || lpad(n::text, 3, '0') FROM generate_series(1, 180) AS n) AS names;

-- A skewed pick from 1..n: small numbers are much more likely (the density of k falls as k^(-2/3)).
CREATE FUNCTION pg_temp.skewed(n int) RETURNS int LANGUAGE sql VOLATILE AS $$
  SELECT 1 + floor(power(random(), 3) * n)::int
$$;

CREATE FUNCTION pg_temp.words(how_many int) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT string_agg(v.words[pg_temp.skewed(cardinality(v.words))], ' ')
  FROM generate_series(1, how_many), vocabulary AS v
$$;

-- 0 to 4 tags as the application keeps them: distinct, in ordinal order (set in the INSERT: an UPDATE afterwards
-- would rewrite every row and every index a second time).
CREATE FUNCTION pg_temp.tags(how_many int) RETURNS varchar(40)[] LANGUAGE sql VOLATILE AS $$
  SELECT coalesce(array_agg(DISTINCT tag.names[pg_temp.skewed(cardinality(tag.names))] COLLATE "C"), '{}')::varchar(40)[]
  FROM generate_series(1, how_many), tag_names AS tag
$$;

INSERT INTO users (id, email, display_name, role, password_hash, created_at, failed_sign_in_count)
SELECT pg_temp.uuid_v7(now() - interval '3 years' + n * interval '1 hour'),
       'seed-user-' || n || '@bench.local', 'Seed user ' || n, 'member',
       -- Not a hash of any password: seeded users never sign in.
       'seeded:no-sign-in', now() - interval '3 years' + n * interval '1 hour', 0
FROM generate_series(1, 1000) AS n;

CREATE TEMP TABLE seed_users AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM users WHERE email LIKE 'seed-user-%';
CREATE TEMP TABLE seed_user_ids AS SELECT array_agg(id ORDER BY n) AS ids FROM seed_users;

INSERT INTO teams (id, name, created_by, created_at)
SELECT pg_temp.uuid_v7(now() - interval '3 years' + n * interval '1 day'), 'Seed team ' || n,
       (SELECT id FROM seed_users WHERE seed_users.n = teams_n.n), now() - interval '3 years'
FROM generate_series(1, 20) AS teams_n(n);

CREATE TEMP TABLE seed_teams AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM teams WHERE name LIKE 'Seed team %';

-- Each seeded user belongs to one team (user n to team n % 20).
INSERT INTO team_members (team_id, user_id, added_at)
SELECT t.id, u.id, now() - interval '2 years' FROM seed_users u JOIN seed_teams t ON t.n = 1 + u.n % 20;

-- The tasks, generated in one statement; the random draws per row live in a lateral subquery.
CREATE TEMP TABLE seed_tasks AS
SELECT g.n,
       created_at,
       r.status,
       r.priority,
       CASE WHEN r.has_due THEN now() + (r.due_offset_days * interval '1 day') END AS due_date,
       r.creator,
       r.owner,
       CASE WHEN r.team_pick <= 20 THEN r.team_pick END AS team,
       r.archived
FROM generate_series(1, :tasks) AS g(n)
CROSS JOIN LATERAL (SELECT now() - interval '730 days' * (1 - g.n::float8 / :tasks) AS created_at) AS c
CROSS JOIN LATERAL (
  SELECT CASE WHEN s < 0.10 THEN 'draft' WHEN s < 0.30 THEN 'pending' WHEN s < 0.40 THEN 'running'
              WHEN s < 0.90 THEN 'done' WHEN s < 0.95 THEN 'failed' ELSE 'cancelled' END AS status,
         CASE WHEN p < 0.20 THEN 0 WHEN p < 0.70 THEN 1 WHEN p < 0.90 THEN 2 ELSE 3 END AS priority,
         random() < 0.60 AS has_due,
         (random() * 360 - 180) AS due_offset_days,
         1 + floor(random() * 1000)::int AS creator,
         1 + floor(random() * 1000)::int AS owner,
         -- 1-20: a team; 21-33: none (13/33 = 40 %).
         1 + floor(random() * 33)::int AS team_pick,
         random() < 0.05 AS archived
  FROM (SELECT random() AS s, random() AS p, g.n AS dependency) AS draws) AS r;

-- A bulk load, done the way PostgreSQL's manual advises: the secondary indexes of tasks are dropped and built again
-- afterwards, and the tag-usage trigger is off while the rows go in (the counters are then computed in one pass,
-- as the TagUsageCounts migration does). Row by row, the two trigram and the tags GIN indexes made the insert take
-- over twenty minutes instead of a few. The data and the indexes are the same either way.
SET maintenance_work_mem = '1GB';
CREATE TEMP TABLE saved_indexes AS
SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'tasks' AND indexname <> 'pk_tasks';
DO $$
DECLARE saved record;
BEGIN
  FOR saved IN SELECT indexname FROM saved_indexes LOOP
    EXECUTE format('DROP INDEX %I', saved.indexname);
  END LOOP;
END $$;
ALTER TABLE tasks DISABLE TRIGGER tasks_count_tag_usage;

INSERT INTO tasks (id, title, description, priority, due_date, status, owner_id, created_by, team_id, created_at,
                   updated_at, result, failure_reason, attempt_count, metadata, archived_at, overdue_flagged_at, tags)
SELECT pg_temp.uuid_v7(t.created_at),
       initcap(pg_temp.words(3 + t.n % 4)) || ' #' || t.n,
       CASE WHEN t.n % 10 <> 0 THEN pg_temp.words(15 + t.n % 25) END,
       t.priority, t.due_date, t.status,
       CASE WHEN t.status IN ('running', 'done', 'failed') THEN owner.id END,
       creator.id, team.id, t.created_at,
       t.created_at + (random() * interval '20 days'),
       CASE WHEN t.status = 'done' THEN 'Done as asked' END,
       CASE WHEN t.status = 'failed' THEN 'Could not be done' END,
       1,
       CASE WHEN t.n % 10 = 3 THEN jsonb_build_object('source', 'seed', 'batch', t.n / 1000) END,
       -- Archived within the last 29 days: the cleanup job (30 days' retention) would already have deleted older ones.
       CASE WHEN t.archived THEN greatest(t.created_at, now() - (t.n % 29) * interval '1 day') END,
       -- An open task past its due date was flagged when it fell due, as the overdue job does every minute; unflagged,
       -- the job's first run would flag some hundred thousand tasks while the benchmark measures.
       CASE WHEN NOT t.archived AND t.due_date < now() AND t.status IN ('draft', 'pending', 'running') THEN t.due_date END,
       pg_temp.tags((t.n * 7 % 5)::int)
FROM seed_tasks t
JOIN seed_users creator ON creator.n = t.creator
JOIN seed_users owner ON owner.n = t.owner
LEFT JOIN seed_teams team ON team.n = t.team;

ALTER TABLE tasks ENABLE TRIGGER tasks_count_tag_usage;
DELETE FROM tag_usage_counts;
INSERT INTO tag_usage_counts (team_key, name, live_tasks)
SELECT coalesce(tasks.team_id, '00000000-0000-0000-0000-000000000000'::uuid), tag.name, count(*)
FROM tasks CROSS JOIN LATERAL unnest(tasks.tags) AS tag(name)
WHERE tasks.archived_at IS NULL
GROUP BY 1, 2;

DO $$
DECLARE saved record;
BEGIN
  FOR saved IN SELECT indexdef FROM saved_indexes LOOP
    EXECUTE saved.indexdef;
  END LOOP;
END $$;

CREATE TEMP TABLE task_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id, created_at FROM tasks;
CREATE INDEX ON task_ids (n);


INSERT INTO task_assignees (task_id, user_id, assigned_at)
SELECT DISTINCT ON (t.id, user_id) t.id, user_id, t.created_at + interval '1 hour'
FROM task_ids t
CROSS JOIN LATERAL generate_series(1, 1 + (t.n % 2)::int) AS k
CROSS JOIN seed_user_ids u
CROSS JOIN LATERAL (SELECT u.ids[1 + floor(random() * 1000)::int + k * 0] AS user_id) AS pick
WHERE t.n % 10 < 3;

INSERT INTO task_comments (id, task_id, author_id, body, created_at, edited_at)
SELECT gen_random_uuid(), t.id, u.ids[1 + floor(random() * 1000)::int + k * 0], pg_temp.words(8 + k % 20),
       t.created_at + k * interval '2 hours', CASE WHEN k = 3 THEN t.created_at + interval '1 day' END
FROM task_ids t
CROSS JOIN LATERAL generate_series(1, 1 + (t.n % 5)::int) AS k
CROSS JOIN seed_user_ids u
WHERE t.n % 5 = 1;

INSERT INTO task_history (id, task_id, kind, "from", "to", trigger, actor_id, occurred_at)
SELECT gen_random_uuid(), t.id, 'transitioned', 'pending', 'running', 'take', t.owner_id, t.created_at + interval '1 hour'
FROM tasks t WHERE t.owner_id IS NOT NULL;

VACUUM ANALYZE;
